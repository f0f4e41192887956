/**
 * What the lesson tests share: a clean slate of lesson collections before each test, a
 * quiz, uploads through `uploadTicket`, composing and publishing, timer runs, and extra
 * interns and groups beyond the fixture.
 */
import type { GroupDoc, PersonDoc } from '../../cloudfunctions/common/model'
import { countMembers } from '../../cloudfunctions/common/people'
import type { ActionInput, ActionOutput } from '../../types/contract'
import { buildFixture, OPENID } from './fixture'
import { Harness, useHarness } from './harness'

/** Everything lessons write, reminders included. */
export const LESSON_COLLECTIONS = ['lessons', 'lessonFeed', 'lessonReads', 'lessonStats', 'subscriptions', 'outbox']

export async function clearLessons(h: Harness): Promise<void> {
  const db = h.app.database()
  for (const c of LESSON_COLLECTIONS) await db.collection(c).where({ _id: db.command.exists(true) }).remove()
}

/** The harness with the fixture and no lessons before each test. */
export function useLessonHarness(): Harness {
  const h = useHarness()
  beforeEach(() => clearLessons(h))
  return h
}

export const QUIZ = {
  questions: [
    { id: 'q1', text: '中国共产党第一次全国代表大会在哪一年召开？', kind: 'single' as const, options: [{ id: 'a', text: '1919年' }, { id: 'b', text: '1921年' }, { id: 'c', text: '1927年' }], answer: ['b'], explanation: '1921年7月，党的一大在上海召开。' },
    { id: 'q2', text: '以下哪些是党员应当履行的义务？', kind: 'multiple' as const, options: [{ id: 'a', text: '认真学习党的理论' }, { id: 'b', text: '密切联系群众' }, { id: 'c', text: '追求个人名利' }], answer: ['a', 'b'] }
  ]
}
export const RIGHT = [{ questionId: 'q1', chosen: ['b'] }, { questionId: 'q2', chosen: ['a', 'b'] }]
export const HALF_RIGHT = [{ questionId: 'q1', chosen: ['b'] }, { questionId: 'q2', chosen: ['a'] }]
export const WRONG = [{ questionId: 'q1', chosen: ['a'] }, { questionId: 'q2', chosen: ['c'] }]

type SaveInput = ActionInput<'lesson', 'save'>
type Draft = ActionOutput<'lesson', 'save'>

export const lessonInput = (extra: Partial<SaveInput> = {}): SaveInput => ({
  title: '学习党章：党员的权利和义务',
  summary: '党章第一章导读',
  body: '## 党员的义务\n\n党员必须**认真学习**马克思列宁主义。\n\n- 密切联系群众\n- 发挥先锋模范作用',
  quiz: QUIZ,
  target: { kind: 'groups', groupIds: ['group-a'] },
  ...extra
})

/** Saves a new lesson as `openid` and publishes it (now, or at `publishAt`). */
export async function publishLesson(h: Harness, extra: Partial<SaveInput> = {}, publishAt: Date | null = null, openid: string = OPENID.admin): Promise<Draft> {
  const draft = await h.ok(openid, 'lesson', 'save', lessonInput(extra))
  return h.ok(openid, 'lesson', 'publish', { lessonId: draft.id, publishAt: publishAt ? publishAt.toISOString() : null })
}

/** Fires a timer trigger of the lesson function as CloudBase does: no user, `{ Type: 'Timer', TriggerName, Time }`. */
export async function runTimer(h: Harness, trigger: string): Promise<{ ok: boolean; data?: any; error?: any }> {
  const { result } = await h.app.callFunction({ name: 'lesson', data: { Type: 'Timer', TriggerName: trigger, Time: new Date().toISOString() } as any })
  return result as any
}

/** Uploads bytes as a lesson file the way the H5 app does: a ticket, then a PUT to its URL. */
export async function uploadLessonFile(h: Harness, kind: 'cover' | 'audio' | 'video', bytes: Buffer, openid: string = OPENID.admin): Promise<string> {
  const type = { cover: 'image/png', audio: 'audio/mpeg', video: 'video/mp4' }[kind]
  const ticket = await h.ok(openid, 'lesson', 'uploadTicket', { kind, name: `file.${type.split('/')[1]}`, contentType: type, bytes: bytes.length })
  const res = await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.uploadHeaders, body: new Uint8Array(bytes) })
  expect(res.status).toBe(200)
  return ticket.fileID
}

export async function outbox(h: Harness): Promise<{ personId: string; template: string; page: string; data: Record<string, string> }[]> {
  const { data } = await h.app.database().collection('outbox').limit(1000).get()
  return data as any
}

const T0 = new Date('2026-09-01T00:00:00Z')

/** `n` bound interns of `groupId` (ids `<prefix>-<i>`, openids `o-<prefix>-<i>`). */
export function interns(prefix: string, n: number, groupId: string | null, extra: Partial<PersonDoc> = {}): PersonDoc[] {
  const base = buildFixture().people.find((p) => p._id === 'intern-a')!
  return Array.from({ length: n }, (_, i) => ({
    ...base, _id: `${prefix}-${i}`, no: `9${prefix.length}${String(i).padStart(6, '0')}${prefix}`.slice(0, 20), name: `${prefix}同学${i}`,
    openid: `o-${prefix}-${i}`, groupId, history: [], createdAt: T0, updatedAt: T0, ...extra
  }))
}

/** Writes extra people (bound) and refreshes the member counts of their groups. */
export async function addPeople(h: Harness, people: PersonDoc[]): Promise<void> {
  const db = h.app.database()
  for (let i = 0; i < people.length; i += 500) await db.collection('people').add(people.slice(i, i + 500))
  const bindings = people.filter((p) => p.openid).map((p) => ({ _id: p.openid!, personId: p._id, boundAt: T0 }))
  for (let i = 0; i < bindings.length; i += 500) await db.collection('bindings').add(bindings.slice(i, i + 500))
  await recount(h, [...new Set(people.map((p) => p.groupId).filter((g): g is string => !!g))])
}

/** Recomputes the kept member counts of `groupIds` from their members. */
export async function recount(h: Harness, groupIds: string[]): Promise<void> {
  const db = h.app.database()
  for (const g of groupIds) {
    const { data } = await db.collection('people').where({ groupId: g }).limit(1000).get()
    await db.collection('groups').doc(g).update({ counts: db.command.set(countMembers(data as PersonDoc[])) })
  }
}

/** A group like the fixture's group B, elsewhere. */
export function groupDoc(id: string, province: string, name: string, extra: Partial<GroupDoc> = {}): GroupDoc {
  const b = buildFixture().groups.find((g) => g._id === 'group-b')!
  return { ...b, _id: id, key: `2026-2027/${province}/${name}`, name, province, cities: [], inviteCode: id.toUpperCase().replace(/[^A-Z]/g, '').padEnd(6, 'Z').slice(0, 6), liaisonId: null, liaisonName: null, advisorIds: [], advisorNames: [], unitContactIds: [], counts: countMembers([]), ...extra }
}

/** Gives each of `personIds` `n` reminders (as `subscribe` does), straight into the collection. */
export async function grant(h: Harness, personIds: string[], n: number): Promise<void> {
  const docs = personIds.map((personId) => ({ _id: `lessonPublished:${personId}`, personId, template: 'lessonPublished', remaining: n, dispatches: [], updatedAt: T0 }))
  for (let i = 0; i < docs.length; i += 500) await h.app.database().collection('subscriptions').add(docs.slice(i, i + 500))
}
