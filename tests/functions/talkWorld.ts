/**
 * What the talk tests share: a clean slate of talks before each test, record inputs with
 * fresh request ids, talks written straight into `talks` as the function stores them, and
 * an independent recount of coverage.
 */
import { randomBytes } from 'node:crypto'
import { talkId, talkKey, type TalkDoc } from '../../cloudfunctions/talk/model'
import type { ActionInput } from '../../types/contract'
import { internshipTermOf, internshipYearOf } from '../../types/domain'
import { Harness, useHarness } from './harness'

/** The harness with the fixture and no talks before each test. */
export function useTalkHarness(): Harness {
  const h = useHarness()
  beforeEach(() => clearTalks(h))
  return h
}

export async function clearTalks(h: Harness): Promise<void> {
  const db = h.app.database()
  await db.collection('talks').where({ _id: db.command.exists(true) }).remove()
}

/** A fresh client request id. */
export const rid = (): string => `r-${randomBytes(8).toString('hex')}`

/** Today, China time. */
export const chinaToday = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

/** Days from the start of the fixture's internship year (2026-2027) to today (or its last day): the days a talk may be recorded on. */
export function recordableDays(): string[] {
  const last = chinaToday() < '2027-06-30' ? chinaToday() : '2027-06-30'
  const out: string[] = []
  for (let t = Date.parse('2026-07-01T00:00:00Z'); new Date(t).toISOString().slice(0, 10) <= last; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10))
  return out
}

type RecordInput = ActionInput<'talk', 'record'>

export const talkInput = (extra: Partial<RecordInput> = {}): RecordInput => ({
  requestId: rid(), groupId: 'group-a', studentId: 'intern-a', date: recordableDays()[0], form: 'inPerson',
  topic: '实习适应情况', summary: '交流了科室轮转中的困难，约定每周整理一次学习笔记。', ...extra
})

/** A talk as the generators describe it. */
export interface GenTalk {
  groupId: string
  studentId: string
  recorderId: string
  recorderRole?: TalkDoc['recorderRole']
  date: string
  form?: TalkDoc['form']
  followUp?: boolean
}

/** Writes talks as `talk.record` stores them (ids from a tag), answering the documents. */
export async function storeTalks(h: Harness, talks: GenTalk[], tag = 'gen'): Promise<TalkDoc[]> {
  const at = new Date('2026-11-01T00:00:00Z')
  const docs: TalkDoc[] = talks.map((t, i) => {
    const _id = talkId(t.recorderId, `${tag}-${i}`)
    const createdAt = new Date(at.getTime() + i * 1000)
    return {
      _id, requestIds: [`${tag}-${i}`], year: internshipYearOf(t.date), term: internshipTermOf(t.date), groupId: t.groupId,
      studentId: t.studentId, studentName: `名字-${t.studentId}`, recorderId: t.recorderId, recorderName: `记录人-${t.recorderId}`,
      recorderRole: t.recorderRole ?? 'advisor', date: t.date, form: t.form ?? 'inPerson', topic: `主题-${tag}-${i}`, summary: `谈话内容-${tag}-${i}`,
      followUp: t.followUp ? `跟进-${tag}-${i}` : null, followUpDue: t.followUp ? t.date : null, followUpDone: false, followUpDoneAt: null,
      key: talkKey(t.date, createdAt, _id), createdAt, updatedAt: createdAt
    }
  })
  for (let i = 0; i < docs.length; i += 500) await h.app.database().collection('talks').add(docs.slice(i, i + 500))
  return docs
}

/** Every page of a keyset-paged list, in order. */
export async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const out: T[] = []
  let cursor: string | undefined
  for (let i = 0; i < 1000; i++) {
    const p = await page(cursor)
    out.push(...p.items)
    if (!p.nextCursor) return out
    cursor = p.nextCursor
  }
  throw new Error('the list never ended')
}

/**
 * Coverage recounted from the documents themselves: the group's members now (students
 * whose groupId is the group) and those of them with a talk recorded in the group in the term.
 */
export async function recountCoverage(h: Harness, groupId: string, term: string): Promise<{ members: number; talkedWith: number }> {
  const db = h.app.database()
  const members = (await db.collection('people').where({ groupId, kind: 'student' }).limit(1000).get()).data.map((p: any) => p._id as string)
  const talks = (await db.collection('talks').where({ groupId }).limit(1000).get()).data as TalkDoc[]
  const talked = new Set(talks.filter((t) => internshipTermOf(t.date) === term && members.includes(t.studentId)).map((t) => t.studentId))
  return { members: members.length, talkedWith: talked.size }
}
