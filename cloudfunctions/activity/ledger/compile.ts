/** A month of the ledger as the app shows it and the export files it, compiled from the sources read for it. */
import type { z } from 'zod'
import { LEDGER_NOTE_EXCERPTS, type ledgerMonth } from '../../../types/actions/activity'
import type { LedgerGroup, LedgerLesson, LedgerSources, LedgerTalk } from './sources'

export type LedgerMonth = z.input<typeof ledgerMonth>

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

/** The month's talks: how many, with how many students, in which forms (no names: the ledger's readers include the group's students). */
function talkFigures(talks: LedgerTalk[]): LedgerMonth['talks'] {
  const forms = { inPerson: 0, call: 0, video: 0 }
  for (const t of talks) if (t.form in forms) forms[t.form as keyof typeof forms] += 1
  return { count: talks.length, students: new Set(talks.map((t) => t.studentId)).size, forms }
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
    talks: talkFigures(s.talks)
  }
}
