/** A month of the ledger as the app shows it and the export files it, compiled from the sources read for it. */
import type { z } from 'zod'
import { LEDGER_NOTE_EXCERPTS, type ledgerMonth } from '../../../types/actions/activity'
import { database } from '../../common/app'
import type { ActionContext } from '../../common/dispatcher'
import { notFound } from '../../common/errors'
import { C, type GroupDoc } from '../../common/model'
import type { LedgerLesson, LedgerSources } from './sources'

export type LedgerMonth = z.input<typeof ledgerMonth>
export type LedgerGroup = Pick<GroupDoc, '_id' | 'name' | 'province' | 'year' | 'liaisonName' | 'advisorNames'>

/** What the ledger says of talks until they are recorded in the app. */
export const TALKS_NOT_RECORDED = '暂未记录（谈心谈话功能上线后自动汇总）'

/**
 * The group a ledger is of: the caller's own group and the groups they advise came with
 * the caller (no request); another group (the branch's) is one request.
 */
export async function ledgerGroup(ctx: ActionContext, groupId: string): Promise<LedgerGroup> {
  const advised = ctx.caller.lookedAfter.find((g) => g._id === groupId)
  if (advised) return advised
  if (ctx.caller.group?._id === groupId) return ctx.caller.group
  const fields = { name: true, province: true, year: true, liaisonName: true, advisorNames: true }
  const group = (await database().collection(C.groups).doc(groupId).field(fields).get()).data[0] as LedgerGroup | undefined
  if (!group) throw notFound('党小组')
  return group
}

const iso = (at: Date): string => new Date(at).toISOString()

/** A lesson's figures in the group, as `lesson.figures` computes them. */
function lessonFigures(l: LedgerLesson): LedgerMonth['lessons'][number] {
  const s = l.stats ?? { targeted: 0, read: 0, answered: 0, scoreSum: 0, scoreMax: 0 }
  return {
    lessonId: l.lessonId, title: l.title, publishAt: iso(l.publishAt),
    targeted: s.targeted, read: s.read,
    // Members who joined after it went out may read it too: the rate stops at 1.
    readRate: s.targeted ? Math.min(1, s.read / s.targeted) : 0,
    answered: s.answered,
    quizAverage: s.answered && s.scoreMax ? Math.round((s.scoreSum / s.scoreMax) * 1000) / 10 : null
  }
}

/** The month of the ledger from its sources (those of that month only). */
export function compileMonth(group: LedgerGroup, month: string, s: LedgerSources): LedgerMonth {
  const notes = s.notes[0]
  const hours = s.volunteer[0]
  return {
    month,
    group: { id: group._id, name: group.name, province: group.province, year: group.year, liaisonName: group.liaisonName ?? null, advisorNames: group.advisorNames ?? [] },
    checkins: {
      total: s.checkins.length,
      items: s.checkins.map((c) => ({ id: c._id, type: c.type, heldAt: iso(c.heldAt), place: c.place, content: c.content, counts: c.counts }))
    },
    lessons: s.lessons.map(lessonFigures),
    notes: {
      count: notes?.count ?? 0,
      latest: (notes?.latest ?? []).slice(0, LEDGER_NOTE_EXCERPTS).map((n) => ({ ...n, createdAt: iso(n.createdAt) }))
    },
    volunteer: hours ? { verified: hours.verified, unverified: hours.unverified, records: hours.records, people: hours.people } : { verified: 0, unverified: 0, records: 0, people: 0 },
    talks: { recorded: false, text: TALKS_NOT_RECORDED }
  }
}
