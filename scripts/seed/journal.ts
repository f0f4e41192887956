/**
 * The demo school's study journal over the internship year: two or three notes per intern
 * (reflections of 50–800 characters built from templates and the seed lessons' titles),
 * about 55% private, 30% shared with advisors, 15% with the group, about 40% on a lesson
 * of the intern's feed published before the note; advisors comment on about a quarter of
 * the shared notes. Written in bulk, with each note's counters and its advisors' inbox
 * entries what the `journal` function would have made. The development intern gets a few
 * notes of their own, one with a comment by the development advisor.
 */
import { groupFeedOf, inboxId, inboxKey, newNoteId, noteKey, NoteDoc, sharedWithAdvisors, StoredComment, commentId, InboxDoc } from '../../cloudfunctions/journal/model'
import type { App } from '../client'
import { addInChunks, readAllDocs } from './bulk'
import { mulberry32 } from './data'

const DAY_MS = 86_400_000

export interface JournalSeedResult {
  notes: number
  /** shared with advisors or the group */
  shared: number
  comments: number
  inboxEntries: number
}

interface Intern { _id: string; name: string; groupId: string | null; openid: string | null; year: string | null }
interface Group { _id: string; name: string; advisorIds: string[] }
interface Feed { groupId: string; lessonId: string; title: string; publishAt: Date }

const OPENINGS = [
  '今天在科室跟着带教老师查房，', '值完夜班回到宿舍，', '这周轮转到急诊科，', '今天参加了党小组的集中学习，', '下班路上一直在想今天的病例，',
  '实习已经过去一段时间了，', '今天参加了医院组织的志愿服务，', '周末整理学习笔记时，'
]
const REFLECTIONS = [
  '我更加体会到全心全意为人民服务不是一句口号，而是落实在每一次耐心的解释和细致的操作中。',
  '带教老师面对焦急的家属始终语气平和，让我明白医德医风就体现在这些细节里。',
  '我认识到理论学习必须和临床实践结合起来，才能真正入脑入心。',
  '作为一名入党积极分子，我要时时以党员的标准要求自己，在平凡的岗位上发挥作用。',
  '看到老党员在抢救中冲在最前面，我深受触动，也更坚定了向党组织靠拢的决心。',
  '我反思了自己在沟通中的不足，今后要多倾听患者的想法，少一些急躁。',
  '学习党史让我明白，今天的幸福生活来之不易，我们这一代人更要珍惜、更要奋斗。',
  '基层医疗条件有限，但医护人员的坚守让我看到了初心和使命的分量。',
  '我给自己定了几个小目标：每天复习一个病种，每周读一篇党的理论文章。',
  '和同组同学交流后，我发现大家都有类似的困惑，互相鼓励让我们更有信心。'
]
const ON_LESSON = [
  (t: string) => `学习了微党课《${t}》，`, (t: string) => `结合《${t}》这节微党课，`, (t: string) => `重温《${t}》的内容，`
]
const CLOSINGS = ['今后我会继续努力，把学到的用到工作中。', '路还很长，我会一步一个脚印走下去。', '记录下来，提醒自己不忘初心。', '希望下个月能有更大的进步。']
const COMMENTS = ['体会很真切，继续保持。', '写得很好，建议多结合具体病例谈谈收获。', '看到你的成长很欣慰，有问题随时交流。', '理论联系实际，这个方向很好。', '注意劳逸结合，学习和工作都要可持续。']

const pick = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)]

/** A reflection of about `target` characters (50–800; as long as its sentences allow, none said twice). */
function bodyOf(target: number, lessonTitle: string | null, rnd: () => number): string {
  const left = [...REFLECTIONS]
  const next = (): string => left.splice(Math.floor(rnd() * left.length), 1)[0]
  let body = lessonTitle ? `${pick(ON_LESSON, rnd)(lessonTitle)}${next()}` : `${pick(OPENINGS, rnd)}${next()}`
  while ([...body].length < target - 30 && left.length) body += next()
  body += pick(CLOSINGS, rnd)
  return [...body].slice(0, 800).join('')
}



interface Made { note: NoteDoc; readBy: Set<string> }

/** One note as the function stores it, with its comments; `readBy`: advisors who opened it. */
function makeNote(intern: Intern, i: number, at: Date, visibility: NoteDoc['visibility'], lesson: Feed | null, body: string, group: Group | null,
  comments: { advisorId: string; advisorName: string }[], unread: number, readBy: Set<string>): Made {
  const _id = newNoteId(intern._id, `seed-${i}`)
  const stored: StoredComment[] = comments.map((c, k) => ({
    id: commentId(_id, c.advisorId, `seed-${i}-${k}`), authorId: c.advisorId, authorName: c.advisorName, authorRole: '指导教师', body: COMMENTS[(i + k) % COMMENTS.length],
    createdAt: new Date(at.getTime() + (k + 1) * 6 * 3600_000)
  }))
  const base = { visibility, review: 'pass' as const, removed: false, groupId: group?._id ?? null }
  const note: NoteDoc = {
    _id, authorId: intern._id, authorName: intern.name, authorOpenid: intern.openid, groupId: group?._id ?? null, groupName: group?.name ?? null,
    year: intern.year ?? '', body, lessonId: lesson?.lessonId ?? null, lessonTitle: lesson?.title ?? null, visibility, photos: [], version: 1,
    review: 'pass', reviewReason: null, requestIds: [`seed-${i}`], comments: stored, commentIds: stored.map((c) => c.id), commentCount: stored.length,
    unread: Math.min(unread, stored.length), removed: false, owner: intern._id, groupFeed: groupFeedOf(base), key: noteKey(at, _id), createdAt: at, updatedAt: at
  }
  return { note, readBy }
}

/** The inbox entries the function would hold for a note: one per advisor of its group, read by those who opened it. */
function inboxOf(made: Made, group: Group | null): InboxDoc[] {
  const { note } = made
  if (!group || !note.groupId) return []
  return group.advisorIds.map((advisorId) => {
    const read = sharedWithAdvisors(note) && made.readBy.has(advisorId)
    return { _id: inboxId(advisorId, note._id), advisorId, noteId: note._id, groupId: group._id, groupName: group.name, shared: sharedWithAdvisors(note), read, key: inboxKey(read, note.createdAt, note._id) }
  })
}

/**
 * Seeds the journal of every placed intern of `year`; `devIntern` (the development intern)
 * and `devAdvisor` (who advises their group) get notes of their own. Call after the lessons.
 */
export async function seedJournal(server: App, year: string, dev: { internId: string; advisorId: string }, options: { seed?: number; now?: Date; log?: (line: string) => void } = {}): Promise<JournalSeedResult> {
  const rnd = mulberry32((options.seed ?? 1) * 7919 + 17)
  const now = options.now ?? new Date()
  const yearStart = new Date(`${year.slice(0, 4)}-07-01T08:00:00+08:00`)
  const from = yearStart < now ? Math.max(yearStart.getTime(), now.getTime() - 365 * DAY_MS) : now.getTime() - 180 * DAY_MS
  const span = now.getTime() - DAY_MS - from
  const [interns, groups, teachers, feeds] = await Promise.all([
    readAllDocs<Intern>(server, 'people', { kind: 'student', year }),
    readAllDocs<Group>(server, 'groups', { year }),
    readAllDocs<{ _id: string; name: string }>(server, 'people', { kind: 'teacher' }),
    readAllDocs<Feed>(server, 'lessonFeed', {})
  ])
  const groupById = new Map(groups.map((g) => [g._id, g]))
  const teacherName = new Map(teachers.map((t) => [t._id, t.name]))
  const feedsOf = new Map<string, Feed[]>()
  for (const f of feeds) if (new Date(f.publishAt) <= now) feedsOf.set(f.groupId, [...(feedsOf.get(f.groupId) ?? []), f])
  const made: Made[] = []
  let i = 0
  for (const intern of interns.filter((p) => p.groupId && p._id !== dev.internId)) {
    const group = groupById.get(intern.groupId!) ?? null
    const count = rnd() < 0.4 ? 3 : 2
    for (let k = 0; k < count; k++, i++) {
      const at = new Date(from + Math.floor(rnd() * span))
      const r = rnd()
      const visibility = r < 0.55 ? 'private' : r < 0.85 ? 'advisor' : 'group'
      const lessons = (feedsOf.get(intern.groupId!) ?? []).filter((f) => new Date(f.publishAt) <= at)
      const lesson = lessons.length && rnd() < 0.4 / 0.9 ? pick(lessons, rnd) : null
      const body = bodyOf(50 + Math.floor(rnd() ** 1.6 * 750), lesson?.title ?? null, rnd)
      const advisors = group?.advisorIds ?? []
      const commented = visibility !== 'private' && advisors.length && rnd() < 0.25
      const commenters = commented ? advisors.slice(0, rnd() < 0.2 ? 2 : 1).map((a) => ({ advisorId: a, advisorName: teacherName.get(a) ?? '指导教师' })) : []
      // Advisors opened most shared notes (always those they commented on); the author saw most comments.
      const readBy = new Set(advisors.filter((a) => commenters.some((c) => c.advisorId === a) || rnd() < 0.6))
      made.push(makeNote(intern, i, at, visibility, lesson, body, group, commenters, rnd() < 0.3 ? commenters.length : 0, readBy))
    }
  }
  made.push(...devNotes(interns.find((p) => p._id === dev.internId), groupById, feedsOf, dev.advisorId, teacherName, now, rnd))
  const notes = made.map((m) => m.note)
  const inbox = made.flatMap((m) => inboxOf(m, m.note.groupId ? groupById.get(m.note.groupId) ?? null : null))
  await addInChunks(server, 'notes', notes)
  await addInChunks(server, 'noteInbox', inbox)
  options.log?.(`journal: ${notes.length} notes, ${inbox.length} inbox entries`)
  return {
    notes: notes.length,
    shared: notes.filter(sharedWithAdvisors).length,
    comments: notes.reduce((n, x) => n + x.commentCount, 0),
    inboxEntries: inbox.length
  }
}

/** The development intern's notes: private, shared with the advisor (commented by the development advisor, unseen), with the group on a lesson. */
function devNotes(intern: Intern | undefined, groupById: Map<string, Group>, feedsOf: Map<string, Feed[]>, advisorId: string, teacherName: Map<string, string>,
  now: Date, rnd: () => number): Made[] {
  if (!intern?.groupId) return []
  const group = groupById.get(intern.groupId) ?? null
  const lesson = (feedsOf.get(intern.groupId) ?? [])[0] ?? null
  const at = (days: number) => new Date(now.getTime() - days * DAY_MS)
  const advisor = [{ advisorId, advisorName: teacherName.get(advisorId) ?? '指导教师' }]
  return [
    makeNote(intern, 900_001, at(20), 'private', null, bodyOf(120, null, rnd), group, [], 0, new Set()),
    makeNote(intern, 900_002, at(9), 'advisor', null, bodyOf(300, null, rnd), group, advisor, 1, new Set([advisorId])),
    makeNote(intern, 900_003, at(3), 'group', lesson, bodyOf(200, lesson?.title ?? null, rnd), group, [], 0, new Set()),
    makeNote(intern, 900_004, at(1), 'advisor', null, bodyOf(80, null, rnd), group, [], 0, new Set())
  ]
}
