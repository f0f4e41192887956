/**
 * The demo school's micro Party lessons over the internship year (from 1 July): the branch
 * composes and publishes each one through the `lesson` function, as a teacher would; a
 * lesson whose day has passed is then dated back to that day, one still ahead is
 * scheduled for it. Interns' readings and quiz answers are written in bulk in realistic
 * proportions (most read a lesson within days, fewer as it is newer; three in four of
 * those who read answer its quiz), and each lesson's figures are set from them — what the
 * function's own increments would have made.
 */
import type { Call } from '../../types/client'
import { DEV_IDENTITIES } from '../../types/demo'
import { L, ReadDoc, readId, StatsDoc, timeKey, TOTAL_ROW } from '../../cloudfunctions/lesson/model'
import { scoreQuiz } from '../../cloudfunctions/lesson/quiz'
import type { App } from '../client'
import { addInChunks, readAllDocs } from './bulk'
import { mulberry32 } from './data'
import { SEED_LESSONS, SeedLesson } from './lessons'

const DAY_MS = 86_400_000
const OPTION_IDS = 'abcdef'

export interface LessonSeedResult {
  published: number
  scheduled: number
  readings: number
  answers: number
}

interface Reader { _id: string; groupId: string | null; openid: string | null; province: string }

/** 1 July of the internship year (`2026-2027`: 2026), 08:00 Beijing time. */
const yearStart = (year: string): Date => new Date(`${year.slice(0, 4)}-07-01T08:00:00+08:00`)

/** The seed lesson as `lesson.save` takes it. */
function saveInput(lesson: SeedLesson, year: string) {
  return {
    title: lesson.title,
    summary: lesson.summary,
    body: lesson.body,
    year,
    target: lesson.target === 'all' ? { kind: 'all' as const } : { kind: 'provinces' as const, provinces: [lesson.target.province] },
    quiz: lesson.quiz.length
      ? {
          questions: lesson.quiz.map((q, i) => ({
            id: `q${i + 1}`,
            text: q.text,
            kind: q.kind,
            options: q.options.map((text, j) => ({ id: OPTION_IDS[j], text })),
            answer: q.answer.map((j) => OPTION_IDS[j]),
            explanation: q.explanation
          }))
        }
      : null
  }
}



/** Dates a published lesson back to `at`: the lesson and every feed holding it. */
async function dateBack(server: App, lessonId: string, at: Date): Promise<void> {
  const db = server.database()
  await db.collection(L.lessons).doc(lessonId).update({ publishAt: at, createdAt: new Date(at.getTime() - 2 * DAY_MS), updatedAt: at })
  await db.collection(L.feed).where({ lessonId }).update({ publishAt: at, key: timeKey(at, lessonId) })
}

/**
 * How likely an intern has read a lesson published `ageDays` ago: most within the first
 * week, up to about four in five over time; students in demo roles a little more often.
 */
const readChance = (ageDays: number): number => Math.min(0.82, 0.25 + ageDays * 0.06)

/** One reader's answers: each question right four times in five, a wrong one picked otherwise. */
function answersOf(lesson: ReturnType<typeof saveInput>, rnd: () => number) {
  return lesson.quiz!.questions.map((q) => {
    if (rnd() < 0.8) return { questionId: q.id, chosen: q.answer }
    const wrong = q.options.map((o) => o.id).filter((id) => !q.answer.includes(id) || q.answer.length > 1)
    return { questionId: q.id, chosen: [wrong[Math.floor(rnd() * wrong.length)] ?? q.options[0].id] }
  })
}

/**
 * Readings of one published lesson by the interns of its audience, and its figures rows
 * set from them. The development intern leaves the newest two lessons unread, so the
 * list shows unread marks.
 */
async function seedReadings(server: App, lessonId: string, input: ReturnType<typeof saveInput>, publishAt: Date, now: Date, readers: Reader[], skipOpenids: Set<string>, rnd: () => number): Promise<{ readings: number; answers: number }> {
  const stats = await readAllDocs<StatsDoc>(server, L.stats, { lessonId })
  const rows = new Map(stats.map((s) => [s.groupId, { ...s, read: 0, answered: 0, scoreSum: 0, scoreMax: 0 }]))
  const ageDays = (now.getTime() - publishAt.getTime()) / DAY_MS
  const chance = readChance(ageDays)
  const readings: ReadDoc[] = []
  for (const r of readers) {
    const key = r.groupId
    const row = key ? rows.get(key) : undefined
    if (!row || (r.openid && skipOpenids.has(r.openid)) || rnd() >= chance) continue
    // Most read within two days; a tail over the following weeks.
    const delay = Math.min(ageDays * DAY_MS * 0.95, -Math.log(1 - rnd()) * 2 * DAY_MS)
    const readAt = new Date(publishAt.getTime() + delay + rnd() * 3_600_000)
    if (readAt > now) continue
    const quiz = input.quiz && rnd() < 0.75 ? scoreQuiz(input.quiz, answersOf(input, rnd), new Date(Math.min(now.getTime(), readAt.getTime() + 600_000))) : null
    readings.push({ _id: readId(lessonId, r._id), lessonId, personId: r._id, groupId: key, readAt, quiz })
    row.read++
    if (quiz) {
      row.answered++
      row.scoreSum += quiz.score
      row.scoreMax += quiz.max
    }
  }
  await addInChunks(server, L.reads, readings)
  const total = rows.get(TOTAL_ROW)
  if (total) {
    for (const f of ['read', 'answered', 'scoreSum', 'scoreMax'] as const) total[f] = [...rows.values()].filter((r) => r.groupId !== TOTAL_ROW).reduce((n, r) => n + r[f], 0)
  }
  await server.database().collection(L.stats).where({ lessonId }).remove()
  await addInChunks(server, L.stats, [...rows.values()])
  return { readings: readings.length, answers: readings.filter((r) => r.quiz).length }
}

/**
 * Publishes the demo lessons of `year` as the branch (`admin`), dated over the year, and
 * writes their readings. Lessons of a day still ahead are scheduled for it.
 */
export async function seedLessons(server: App, admin: Call, year: string, options: { seed?: number; now?: Date; log?: (line: string) => void } = {}): Promise<LessonSeedResult> {
  const now = options.now ?? new Date()
  const rnd = mulberry32((options.seed ?? 7) * 7919 + 13)
  const start = yearStart(year)
  const readers = await readAllDocs<Reader>(server, 'people', { kind: 'student', year }, { groupId: true, openid: true, province: true })
  const lessons = [...SEED_LESSONS].sort((a, b) => a.day - b.day)
  const published = lessons.filter((l) => start.getTime() + l.day * DAY_MS <= now.getTime())
  // The newest two lessons that reach the development intern stay unread by them, so their list shows unread marks.
  const devIntern = readers.find((r) => r.openid === DEV_IDENTITIES.intern)
  const unreadByDev = published.filter((l) => l.target === 'all' || l.target.province === devIntern?.province).slice(-2)
  const result: LessonSeedResult = { published: 0, scheduled: 0, readings: 0, answers: 0 }
  options.log?.(`publishing ${lessons.length} micro Party lessons`)
  for (const lesson of lessons) {
    const input = saveInput(lesson, year)
    // A few hours into the day, so that lessons of one day keep their order.
    const at = new Date(start.getTime() + lesson.day * DAY_MS + Math.floor(rnd() * 10) * 3_600_000)
    const draft = await admin('lesson', 'save', input)
    if (at > now) {
      await admin('lesson', 'publish', { lessonId: draft.id, publishAt: at.toISOString() })
      result.scheduled++
      continue
    }
    await admin('lesson', 'publish', { lessonId: draft.id, publishAt: null })
    await dateBack(server, draft.id, at)
    const skip = new Set<string>(unreadByDev.includes(lesson) ? [DEV_IDENTITIES.intern] : [])
    const counted = await seedReadings(server, draft.id, input, at, now, readers, skip, rnd)
    result.published++
    result.readings += counted.readings
    result.answers += counted.answers
  }
  options.log?.(`lessons: ${result.published} published, ${result.scheduled} scheduled, ${result.readings} readings, ${result.answers} quiz answers`)
  return result
}
