/**
 * `npm run bench:lessons`: micro Party lessons on the seeded school (4,200 interns), through
 * the real functions on the emulator. Measures reading (list, get, markRead, answerQuiz),
 * composing and the figures with the seed's 20 lessons, then again with 500 lessons
 * (480 more published through the function to everyone, some provinces or some groups)
 * and 100,000 readings. Prints per action the database requests and documents examined
 * by one call (the most over its runs) and latency p50, against the budgets (reading: at
 * most 4 requests, flat; figures for all groups: at most 8); then publishing to everyone
 * with every intern holding a reminder: its requests and the messages it queued.
 * Prints figures; asserts nothing.
 */
import type { Emulator } from '../../emulator'
import { buildFunctions } from '../../scripts/build-functions'
import { localApp } from '../../scripts/client'
import { callerAs, DEV_IDENTITIES, seedDemo } from '../../scripts/seed/run'
import { SEED_LESSONS } from '../../scripts/seed/lessons'
import type { Call } from '../../types/client'
import { measureCalls, startBenchEmulator } from './measure'

const RUNS = Number(process.env.BENCH_RUNS ?? 30)
const INTERNS = Number(process.env.BENCH_INTERNS ?? 4200)
const LESSONS = 500
const READINGS = 100_000
const CHUNK = 500

interface Row { stage: string; action: string; who: string; requests: number; docs: number; p50: number; budget: number }

async function main(): Promise<void> {
  buildFunctions()
  const { emulator, stop } = await startBenchEmulator('lessons')
  try {
    const t0 = performance.now()
    const seeded = await seedDemo({ adminUrl: emulator.adminUrl, interns: INTERNS })
    const out = (line: string): void => { process.stdout.write(`${line}\n`) }
    out(`\n${seeded.interns} interns, ${seeded.groups} groups, ${seeded.lessons.published} lessons published and ${seeded.lessons.scheduled} scheduled with ${seeded.lessons.readings} readings: seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    const rows: Row[] = []
    await measureStage(emulator, rows, `${seeded.lessons.published + seeded.lessons.scheduled} lessons`)
    const grown = await grow(emulator, seeded.groups)
    out(`grown to ${grown.lessons} lessons and ${grown.readings} readings in ${(grown.ms / 1000).toFixed(1)} s`)
    await measureStage(emulator, rows, `${grown.lessons} lessons`)
    printRows(rows, out)
    await benchPublishToEveryone(emulator, out)
  } finally {
    await stop()
  }
}

/** Measures `n` calls and adds their row. */
async function measure(emulator: Emulator, rows: Row[], row: Omit<Row, 'requests' | 'docs' | 'p50'>, n: number, call: (i: number) => Promise<unknown>): Promise<void> {
  rows.push({ ...row, ...await measureCalls(emulator, n, call) })
}

/** The reading and figures actions, as an intern of the demo group, its advisor and the branch. */
async function measureStage(emulator: Emulator, rows: Row[], stage: string): Promise<void> {
  const as = (openid: string): Call => callerAs(emulator.adminUrl, openid)
  const intern = as(DEV_IDENTITIES.intern)
  const admin = as(DEV_IDENTITIES.admin)
  const advisor = as(DEV_IDENTITIES.advisor)
  const first = await intern('lesson', 'list', {})
  // The cursor of page 10 (or the last), and the newest lesson with a quiz on the way.
  let deep: string | undefined
  let withQuiz = first.items.find((l) => l.hasQuiz)?.id
  for (let i = 0, c: string | undefined; i < 10; i++) {
    const p = await intern('lesson', 'list', { cursor: c })
    withQuiz ??= p.items.find((l) => l.hasQuiz)?.id
    if (p.nextCursor === null) break
    deep = c = p.nextCursor
  }
  const lessonId = first.items[0].id
  if (!withQuiz) throw new Error('no lesson with a quiz in the intern\'s first ten pages')
  const m = (action: string, who: string, budget: number, n: number, call: (i: number) => Promise<unknown>) => measure(emulator, rows, { stage, action, who, budget }, n, call)
  await m('lesson.list', 'intern, page 1', 4, RUNS, () => intern('lesson', 'list', {}))
  await m('lesson.list', 'intern, page 10 (or the last)', 4, RUNS, () => intern('lesson', 'list', { cursor: deep }))
  await m('lesson.list', 'advisor, page 1', 4, RUNS, () => advisor('lesson', 'list', {}))
  await m('lesson.get', 'intern', 4, RUNS, () => intern('lesson', 'get', { lessonId }))
  await m('lesson.markRead', 'intern (first, then again)', 4, RUNS, () => intern('lesson', 'markRead', { lessonId }))
  const { quiz } = await intern('lesson', 'get', { lessonId: withQuiz })
  const answers = quiz!.questions.map((q) => ({ questionId: q.id, chosen: [q.options[0].id] }))
  await intern('lesson', 'markRead', { lessonId: withQuiz })
  await m('lesson.answerQuiz', 'intern (first, then again)', 4, RUNS, () => intern('lesson', 'answerQuiz', { lessonId: withQuiz, answers }))
  await m('lesson.manage', 'admin, page 1', 4, RUNS, () => admin('lesson', 'manage', {}))
  await m('lesson.edit', 'admin', 4, RUNS, () => admin('lesson', 'edit', { lessonId }))
  // Figures of the newest lesson for everyone: a row for every group.
  const db = localApp(emulator.adminUrl).database()
  const { data: [forAll] } = await db.collection('lessons').where({ 'target.kind': 'all', state: 'published' }).orderBy('publishAt', 'desc').limit(1).field({ _id: true }).get()
  await m('lesson.figures', 'admin (all groups)', 8, RUNS, () => admin('lesson', 'figures', { lessonId: forAll._id }))
  await m('lesson.figures', 'advisor (their groups)', 8, RUNS, () => advisor('lesson', 'figures', { lessonId: forAll._id }))
  const me = await as(DEV_IDENTITIES.intern)('user', 'me')
  const groupId = me.person!.groupId!
  await m('lesson.unread', 'advisor (a group)', 4, RUNS, () => advisor('lesson', 'unread', { lessonId, groupId }))
}

/**
 * 480 more lessons published through the function (every tenth to everyone, others to a
 * province's groups or a handful of groups), then readings in bulk up to 100,000.
 */
async function grow(emulator: Emulator, groupCount: number): Promise<{ lessons: number; readings: number; ms: number }> {
  const t0 = performance.now()
  const admin = callerAs(emulator.adminUrl, DEV_IDENTITIES.admin)
  const db = localApp(emulator.adminUrl).database()
  const { data: groups } = await db.collection('groups').field({ province: true, year: true }).limit(1000).get() as { data: { _id: string; province: string; year: string }[] }
  const provinces = [...new Set(groups.map((g) => g.province))]
  const existing = (await db.collection('lessons').count()).total
  for (let i = existing; i < LESSONS; i++) {
    const base = SEED_LESSONS[i % SEED_LESSONS.length]
    const target = i % 10 === 0 ? { kind: 'all' as const }
      : i % 2 ? { kind: 'provinces' as const, provinces: [provinces[i % provinces.length]] }
      : { kind: 'groups' as const, groupIds: [0, 1, 2].map((k) => groups[(i * 7 + k * 13) % groupCount]._id) }
    const draft = await admin('lesson', 'save', { title: `${base.title}（${i}）`, summary: base.summary, body: base.body, target })
    await admin('lesson', 'publish', { lessonId: draft.id, publishAt: null })
  }
  const lessons = (await db.collection('lessons').field({ _id: true }).limit(1000).get()).data as { _id: string }[]
  const { data: people } = await db.collection('people').where({ kind: 'student' }).field({ groupId: true }).limit(1000).get() as { data: { _id: string; groupId: string | null }[] }
  let readings = (await db.collection('lessonReads').count()).total
  // 200 people per lesson and pass, a different slice each time. Readings of people outside a
  // lesson's audience are uncounted in figures, but they grow the collection as real ones would.
  const per = 200
  for (let pass = 0; readings < READINGS && pass < 10; pass++) {
    for (const [li, lesson] of lessons.entries()) {
      if (readings >= READINGS) break
      const from = (li * 131 + pass * 211) % Math.max(1, people.length - per)
      const docs = people.slice(from, from + Math.min(per, READINGS - readings)).map((p) => ({
        _id: `${lesson._id}:${p._id}`, lessonId: lesson._id, personId: p._id, groupId: p.groupId, readAt: new Date(), quiz: null
      }))
      try {
        await db.collection('lessonReads').add(docs)
        readings += docs.length
      } catch {
        // a pair read already (by the seed or an earlier pass): this slice is skipped
      }
    }
  }
  return { lessons: (await db.collection('lessons').count()).total, readings: (await db.collection('lessonReads').count()).total, ms: performance.now() - t0 }
}

/**
 * Every intern is bound (an account written for those who are not) and holds a reminder;
 * a lesson for everyone then queues one message each.
 */
async function benchPublishToEveryone(emulator: Emulator, out: (line: string) => void): Promise<void> {
  const db = localApp(emulator.adminUrl).database()
  const admin = callerAs(emulator.adminUrl, DEV_IDENTITIES.admin)
  const people: { _id: string; openid: string | null }[] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await db.collection('people').where({ kind: 'student' }).orderBy('_id', 'asc').skip(skip).limit(1000).get()
    people.push(...(data as { _id: string; openid: string | null }[]))
    if (data.length < 1000) break
  }
  // Bound in bulk: the unbound are written again with an account of their own.
  const unbound = people.filter((p) => !p.openid)
  await db.collection('people').where({ kind: 'student', openid: null }).remove()
  for (let i = 0; i < unbound.length; i += CHUNK) {
    await db.collection('people').add(unbound.slice(i, i + CHUNK).map((p) => ({ ...p, openid: `bench-reader-${p._id}` })))
  }

  for (let i = 0; i < people.length; i += CHUNK) {
    await db.collection('subscriptions').add(people.slice(i, i + CHUNK).map((p) => ({ _id: `lessonPublished:${p._id}`, personId: p._id, template: 'lessonPublished', remaining: 2, dispatches: [], updatedAt: new Date() })))
  }
  const draft = await admin('lesson', 'save', { title: '提醒测试：面向全体的微党课', summary: '', body: '正文', target: { kind: 'all' } })
  const before = { requests: emulator.stats.databaseRequests, outbox: (await db.collection('outbox').count()).total }
  const t = performance.now()
  await admin('lesson', 'publish', { lessonId: draft.id, publishAt: null })
  const ms = performance.now() - t
  const requests = emulator.stats.databaseRequests - before.requests
  const queued = (await db.collection('outbox').count()).total - before.outbox
  out(`\n  publishing to everyone with ${people.length} readers holding a reminder: ${requests} database requests, ${queued} messages queued, ${ms.toFixed(0)} ms`)
}

function printRows(rows: Row[], out: (line: string) => void): void {
  const stages = [...new Set(rows.map((r) => r.stage))]
  const labels = [...new Set(rows.map((r) => `${r.action} (${r.who})`))]
  const width = Math.max(...labels.map((l) => l.length))
  out(`\n${RUNS} calls each; requests and documents examined are the most for one call\n`)
  out(`  ${''.padEnd(width)}${stages.map((s) => s.padStart(26)).join('')}`)
  out(`  ${'action (caller)'.padEnd(width)}${stages.map(() => '  requests    docs  p50 ms').join('')}   budget`)
  for (const label of labels) {
    const cells = stages.map((s) => rows.find((r) => r.stage === s && `${r.action} (${r.who})` === label))
    const budget = cells[0]!.budget
    const ok = cells.every((c) => c && c.requests <= budget)
    out(`  ${label.padEnd(width)}${cells.map((c) => `  ${String(c?.requests ?? '-').padStart(8)}  ${String(c?.docs ?? '-').padStart(6)}  ${(c?.p50 ?? 0).toFixed(1).padStart(6)}`).join('')}   ${ok ? `ok (<= ${budget})` : `OVER (> ${budget})`}`)
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`)
  process.exit(1)
})
