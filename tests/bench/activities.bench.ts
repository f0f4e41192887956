/**
 * `npm run bench:activities`: activity check-ins, volunteer service and the work ledger on
 * the seeded school (4,200 interns, about 2,000 check-ins and 8,000 volunteer records),
 * through the real functions on the emulator; then again at ten times the records (the
 * seeded check-ins with their attendance entries and the volunteer records cloned in bulk,
 * the counters rewritten from the records). Prints per user-facing action the database
 * requests and documents examined by one call (the most over its runs) and latency p50,
 * against the budgets: at most 4 requests, a month's ledger at most 6, a group's year
 * exported under 2 s. Prints figures; asserts nothing.
 */
import type { Emulator } from '../../emulator'
import { A, AttendanceEntryDoc, CheckinDoc, checkinKey, entryOf, newCheckinId } from '../../cloudfunctions/activity/model'
import { chinaDay, recordId, recordKey, TotalsDoc, totalsId, V, VolunteerDoc } from '../../cloudfunctions/volunteer/model'
import { buildFunctions } from '../../scripts/build-functions'
import { clientFor, localApp } from '../../scripts/client'
import { addInChunks, readAllDocs } from '../../scripts/seed/bulk'
import { callerAs, DEV_IDENTITIES, seedDemo, SeedResult } from '../../scripts/seed/run'
import { chinaMonth } from '../../scripts/seed/seasons'
import { countersOf } from '../../scripts/seed/volunteer'
import type { Call } from '../../types/client'
import { cursorAfter, measureCalls, startBenchEmulator } from './measure'

const RUNS = Number(process.env.BENCH_RUNS ?? 20)
const INTERNS = Number(process.env.BENCH_INTERNS ?? 4200)
/** Calls of the actions that write a file or need a fresh intern each. */
const FEW = Math.max(3, Math.ceil(RUNS / 4))
const GROWTH = 10
const DAY_MS = 86_400_000

/** A budget in requests, or in milliseconds for the export. */
type Budget = { requests: number } | { ms: number }
interface Row { stage: string; label: string; requests: number; docs: number; p50: number; budget: Budget }

async function main(): Promise<void> {
  buildFunctions()
  const { emulator, stop } = await startBenchEmulator('activities')
  const out = (line: string): void => { process.stdout.write(`${line}\n`) }
  try {
    const t0 = performance.now()
    const seeded = await seedDemo({ adminUrl: emulator.adminUrl, interns: INTERNS })
    const life = seeded.groupLife
    out(`\n${seeded.interns} interns in ${seeded.groups} groups, ${life.checkins} check-ins (${life.entries} attendance entries), ${life.volunteerRecords} volunteer records: seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    const rows: Row[] = []
    await measureStage(emulator, seeded, rows, `${life.checkins} / ${life.volunteerRecords}`)
    const t1 = performance.now()
    const grown = await grow(emulator)
    out(`grown to ${grown.checkins} check-ins (${grown.entries} attendance entries) and ${grown.records} volunteer records in ${((performance.now() - t1) / 1000).toFixed(1)} s`)
    await measureStage(emulator, seeded, rows, `${grown.checkins} / ${grown.records}`)
    printRows(rows, out)
  } finally {
    await stop()
  }
}

let seq = 0
const requestId = (): string => `bench-${Date.now().toString(36)}-${(seq++).toString(36)}`


/**
 * Interns of the year with no volunteer record yet, bound to fresh accounts: each one's
 * next log is their first of the year.
 */
async function freshInterns(emulator: Emulator, n: number): Promise<Call[]> {
  const server = localApp(emulator.adminUrl)
  const [students, counters] = await Promise.all([
    readAllDocs<{ _id: string; no: string; name: string; groupId: string | null; openid: string | null }>(server, 'people', { kind: 'student' }, { no: true, name: true, groupId: true, openid: true }),
    readAllDocs<TotalsDoc>(server, V.totals, { kind: 'person' }, { key: true })
  ])
  const counted = new Set(counters.map((c) => c.key))
  const fresh = students.filter((s) => !counted.has(s._id) && !s.openid && s.groupId).slice(0, n)
  const callers: Call[] = []
  for (const s of fresh) {
    const call = callerAs(emulator.adminUrl, `bench-fresh-${s._id}`)
    await call('user', 'bind', { studentNo: s.no, name: s.name })
    callers.push(call)
  }
  return callers
}

/** The latest day of the intern's year with room for `hours` more (their counter's days). */
async function roomyDay(emulator: Emulator, personId: string, year: string, hours: number): Promise<string> {
  const { data } = await localApp(emulator.adminUrl).database().collection(V.totals).doc(totalsId('person', year, personId)).get()
  const days = (data[0] as TotalsDoc | undefined)?.days ?? {}
  for (let at = Date.now(); ; at -= DAY_MS) {
    const day = chinaDay(new Date(at))
    if ((days[day] ?? 0) + hours <= 24) return day
  }
}

const photoTicket = { name: 'a.jpg', contentType: 'image/jpeg', bytes: 200_000 }
const place = '郑州市金水区社区卫生服务中心'

/** Every user-facing action of `activity` and `volunteer`, as the development identities and the branch. */
async function measureStage(emulator: Emulator, seeded: SeedResult, rows: Row[], stage: string): Promise<void> {
  const as = (openid: string): Call => callerAs(emulator.adminUrl, openid)
  const anonymous = clientFor(localApp(emulator.adminUrl))
  const liaison = as(DEV_IDENTITIES.liaison)
  const intern = as(DEV_IDENTITIES.intern)
  const admin = as(DEV_IDENTITIES.admin)
  const { groupId, internId } = seeded.sample
  const m = async (label: string, budget: Budget, n: number, call: (i: number) => Promise<unknown>) => { rows.push({ stage, label, budget, ...await measureCalls(emulator, n, call) }) }
  const four = { requests: 4 }
  const group = await liaison('group', 'detail', { groupId })
  const others = group.members.filter((p) => p.kind === 'student' && p.id !== internId).map((p) => p.id)
  const checkin = (attendeeIds: string[]) => ({ requestId: requestId(), groupId, type: 'study' as const, heldAt: new Date(Date.now() - 3600_000).toISOString(), place: '线上（腾讯会议）', content: '集中学习党章第一章“党员”，每人结合实习经历谈一点体会。', attendeeIds })

  // Check-ins
  await m('activity.record (liaison, 4 attendees)', four, RUNS, () => liaison('activity', 'record', checkin([seeded.sample.liaisonId, internId, ...others.slice(0, 2)])))
  const later = await cursorAfter((cursor) => intern('activity', 'list', { groupId, cursor, pageSize: 10 }), 5)
  await m('activity.list (intern, page 1)', four, RUNS, () => intern('activity', 'list', { groupId, pageSize: 10 }))
  await m('activity.list (intern, page 5 or the last)', four, RUNS, () => intern('activity', 'list', { groupId, cursor: later, pageSize: 10 }))
  await m('activity.mine (intern, page 1)', four, RUNS, () => intern('activity', 'mine', { pageSize: 10 }))
  const listed = await liaison('activity', 'record', checkin([seeded.sample.liaisonId, internId]))
  await m('activity.get (intern)', four, RUNS, () => intern('activity', 'get', { checkinId: listed.id }))
  await m('activity.confirm (intern, first, then again)', four, RUNS, () => intern('activity', 'confirm', { checkinId: listed.id }))
  const without: string[] = []
  for (let i = 0; i < RUNS; i++) without.push((await liaison('activity', 'record', checkin([seeded.sample.liaisonId]))).id)
  await m('activity.requestJoin (intern)', four, RUNS, (i) => intern('activity', 'requestJoin', { checkinId: without[i] }))
  await m('activity.decide (liaison, approve)', four, RUNS, (i) => liaison('activity', 'decide', { checkinId: without[i], personId: internId, approve: true }))
  await m('activity.uploadTicket (liaison)', four, RUNS, () => liaison('activity', 'uploadTicket', { groupId, ...photoTicket }))
  const month = chinaMonth(new Date())
  await m('activity.ledger (liaison, this month)', { requests: 6 }, RUNS, () => liaison('activity', 'ledger', { groupId, month }))
  await m('activity.ledger (branch, this month)', { requests: 6 }, RUNS, () => admin('activity', 'ledger', { groupId, month }))
  await m('activity.exportLedger (liaison, the year)', { ms: 2000 }, FEW, () => liaison('activity', 'exportLedger', { groupId }))

  // Volunteer service
  const year = ((await localApp(emulator.adminUrl).database().collection('groups').doc(groupId).field({ year: true }).get()).data[0] as { year: string }).year
  const fresh = await freshInterns(emulator, FEW)
  const logInput = (date: string) => ({ requestId: requestId(), date, hours: 0.5, place, category: 'healthOutreach' as const, description: '为社区老人测量血压、血糖，讲解慢性病用药知识。' })
  const today = chinaDay(new Date())
  await m('volunteer.log (intern, first of the year)', four, fresh.length, (i) => fresh[i]('volunteer', 'log', logInput(today)))
  const day = await roomyDay(emulator, internId, year, RUNS * 0.5)
  const logged: string[] = []
  await m('volunteer.log (intern, a later one)', four, RUNS, async () => { logged.push((await intern('volunteer', 'log', logInput(day))).id) })
  await m('volunteer.mine (intern, page 1)', four, RUNS, () => intern('volunteer', 'mine', { pageSize: 10 }))
  await m('volunteer.pending (liaison, page 1)', four, RUNS, () => liaison('volunteer', 'pending', { groupId, pageSize: 10 }))
  const half = Math.floor(logged.length / 2)
  await m('volunteer.verify (liaison)', four, half, (i) => liaison('volunteer', 'verify', { recordId: logged[i], approve: true }))
  // The environment's first link makes the signing secret, once: made before measuring.
  await intern('volunteer', 'createLink', { recordId: logged[half] })
  const tokens: string[] = []
  await m('volunteer.createLink (intern)', four, logged.length - half, async (i) => { tokens.push((await intern('volunteer', 'createLink', { recordId: logged[half + i] })).token) })
  await m('volunteer.openLink (unit contact, no account)', four, tokens.length, (i) => anonymous('volunteer', 'openLink', { token: tokens[i] }))
  await m('volunteer.verifyByLink (unit contact, no account)', four, tokens.length, (i) => anonymous('volunteer', 'verifyByLink', { token: tokens[i], verifierName: '刘带教', approve: true }))
  await m('volunteer.totals (branch, by group)', four, RUNS, () => admin('volunteer', 'totals', { by: 'group', year }))
  await m('volunteer.totals (branch, by province)', four, RUNS, () => admin('volunteer', 'totals', { by: 'province', year }))
  await m('volunteer.totals (liaison, people of the group)', four, RUNS, () => liaison('volunteer', 'totals', { by: 'group', groupId, year }))
  await m('volunteer.uploadTicket (intern)', four, RUNS, () => intern('volunteer', 'uploadTicket', photoTicket))
}

/**
 * Ten times the records: every check-in (with its attendance entries) cloned nine times a
 * few hours earlier, every volunteer record nine times on an earlier day of the year, and
 * the counters rewritten from all the records.
 */
async function grow(emulator: Emulator): Promise<{ checkins: number; entries: number; records: number }> {
  const server = localApp(emulator.adminUrl)
  const db = server.database()
  const _ = db.command
  const [checkins, records] = await Promise.all([
    readAllDocs<CheckinDoc>(server, A.checkins, { groupId: _.exists(true) }),
    readAllDocs<VolunteerDoc>(server, V.records, {})
  ])
  for (let copy = 1; copy < GROWTH; copy++) {
    const clones = checkins.map((c) => {
      const rid = `grow-${copy}-${c.requestId}`
      const _id = newCheckinId(c.recordedBy.id, rid)
      const heldAt = new Date(new Date(c.heldAt).getTime() - copy * 3 * 3600_000)
      return { ...c, _id, requestId: rid, heldAt, key: checkinKey(heldAt, _id) }
    })
    const entries: AttendanceEntryDoc[] = clones.flatMap((c) => c.attendeeIds.map((id) => entryOf(id, c)))
    await addInChunks(server, A.checkins, [...clones, ...entries])
  }
  const first = records.reduce((d, r) => (r.date < d ? r.date : d), records[0].date)
  const earlier = (date: string, days: number): string => {
    const d = new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10)
    return d < first ? first : d
  }
  for (let copy = 1; copy < GROWTH; copy++) {
    await addInChunks(server, V.records, records.map((r, i) => {
      const requestId = `grow-${copy}-${r.requestId}`
      const _id = recordId(r.personId, requestId)
      const date = earlier(r.date, 1 + ((i + copy * 7) % 27))
      return { ...r, _id, requestId, date, key: recordKey(date, new Date(r.createdAt), _id) }
    }))
  }
  const all = await readAllDocs<VolunteerDoc>(server, V.records, {})
  const names = new Map((await readAllDocs<{ _id: string; name: string }>(server, 'groups', {}, { name: true })).map((g) => [g._id, g.name]))
  await db.collection(V.totals).where({ _id: _.exists(true) }).remove()
  await addInChunks(server, V.totals, countersOf(all.map((r) => ({ ...r, createdAt: new Date(r.createdAt), verifiedAt: r.verifiedAt && new Date(r.verifiedAt) })), names))
  return {
    checkins: (await db.collection(A.checkins).where({ groupId: _.exists(true) }).count()).total,
    entries: (await db.collection(A.checkins).where({ personId: _.exists(true) }).count()).total,
    records: all.length
  }
}

function verdict(cells: (Row | undefined)[], budget: Budget): string {
  if ('ms' in budget) return cells.every((c) => c && c.p50 < budget.ms) ? `ok (< ${budget.ms / 1000} s)` : `OVER (>= ${budget.ms / 1000} s)`
  return cells.every((c) => c && c.requests <= budget.requests) ? `ok (<= ${budget.requests})` : `OVER (> ${budget.requests})`
}

function printRows(rows: Row[], out: (line: string) => void): void {
  const stages = [...new Set(rows.map((r) => r.stage))]
  const labels = [...new Set(rows.map((r) => r.label))]
  const width = Math.max(...labels.map((l) => l.length))
  out(`\n${RUNS} calls each (${FEW} for the export and first logs); requests and documents examined are the most for one call`)
  out(`stages: check-ins / volunteer records\n`)
  out(`  ${''.padEnd(width)}${stages.map((s) => s.padStart(26)).join('')}`)
  out(`  ${'action (caller)'.padEnd(width)}${stages.map(() => '  requests    docs  p50 ms').join('')}   budget`)
  for (const label of labels) {
    const cells = stages.map((s) => rows.find((r) => r.stage === s && r.label === label))
    out(`  ${label.padEnd(width)}${cells.map((c) => `  ${String(c?.requests ?? '-').padStart(8)}  ${String(c?.docs ?? '-').padStart(6)}  ${(c?.p50 ?? 0).toFixed(1).padStart(6)}`).join('')}   ${verdict(cells, cells[0]!.budget)}`)
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`)
  process.exit(1)
})
