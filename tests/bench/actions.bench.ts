/**
 * `npm run bench:actions`: every action on the seeded school, through the real functions on
 * the emulator, at the seeded size (4,200 interns) and at four times that (16,800, seeded
 * through the same functions). Prints one table: per action and size, the database
 * requests and the documents examined by one call (the most over its runs, from the
 * emulator's counters) and latency p50, against the budget of at most 4 database requests
 * for every user-facing action; then the bulk jobs' times (forming groups for 4,000
 * interns under 2 s, importing 4,000 rows under 10 s). Prints figures; asserts nothing.
 * `BENCH_SIZES=4200` runs one size only.
 */
import type { Emulator } from '../../emulator'
import { buildFunctions } from '../../scripts/build-functions'
import { generateDataset, rosterToCsv } from '../../scripts/seed/data'
import { localApp } from '../../scripts/client'
import { callerAs, DEV_IDENTITIES, seedDemo, SeedResult } from '../../scripts/seed/run'
import type { Call } from '../../types/client'
import type { ActionInput, FunctionName } from '../../types/contract'
import { cursorAfter, measureCalls, startBenchEmulator } from './measure'

const RUNS = Number(process.env.BENCH_RUNS ?? 30)
const SIZES = (process.env.BENCH_SIZES ?? '4200,16800').split(',').map(Number)
/** Bulk jobs of the branch: their request count grows with the roster by design. */
const BULK = new Set(['roster.import', 'roster.export', 'group.previewFormation', 'group.applyFormation'])
/** User-facing actions over the budget by design, and why. */
const BY_DESIGN: Record<string, string> = { 'group.moveMember': "5 by design: both groups' counts" }

interface Row { action: string; who: string; requests: number; docs: number; p50: number }
interface Run { interns: number; groups: number; seedMs: number; rows: Row[]; notes: string[] }


async function benchAt(interns: number): Promise<Run> {
  const { emulator, stop } = await startBenchEmulator('actions')
  try {
    const t0 = performance.now()
    const seeded = await seedDemo({ adminUrl: emulator.adminUrl, interns })
    const seedMs = performance.now() - t0
    const run = { interns: seeded.interns, groups: seeded.groups, seedMs, rows: [] as Row[], notes: [] as string[] }
    await measureActions(emulator, seeded, run)
    return run
  } finally {
    await stop()
  }
}

async function measureActions(emulator: Emulator, seeded: SeedResult, run: Run): Promise<void> {
  const db = localApp(emulator.adminUrl).database()
  const as = (openid: string): Call => callerAs(emulator.adminUrl, openid)
  const admin = as(DEV_IDENTITIES.admin)
  const s = seeded.sample

  /** Runs `n` calls, measuring each call's database requests, documents examined and latency. */
  async function measure(fn: FunctionName, action: string, who: string, n: number, call: (i: number) => Promise<unknown>): Promise<void> {
    run.rows.push({ action: `${fn}.${action}`, who, ...await measureCalls(emulator, n, call) })
  }

  // Students nobody has bound yet, and unused invites, for the binding actions.
  const { data: unbound } = await db.collection('people').where({ kind: 'student', openid: null }).field({ no: true, name: true }).limit(RUNS).get()
  const invites: string[] = []
  await measure('user', 'createInvite', 'admin', RUNS, async () => {
    invites.push((await admin('user', 'createInvite', { kind: 'teacher', name: '测试教师' })).code)
  })
  await measure('user', 'me', 'intern', RUNS, () => as(DEV_IDENTITIES.intern)('user', 'me'))
  await measure('user', 'home', 'intern', RUNS, () => as(DEV_IDENTITIES.intern)('user', 'home'))
  await measure('user', 'home', 'liaison', RUNS, () => as(DEV_IDENTITIES.liaison)('user', 'home'))
  await measure('user', 'home', 'advisor', RUNS, () => as(DEV_IDENTITIES.advisor)('user', 'home'))
  await measure('user', 'home', 'unit contact', RUNS, () => as(DEV_IDENTITIES.unitContact)('user', 'home'))
  await measure('user', 'home', 'admin', RUNS, () => admin('user', 'home'))
  await measure('user', 'home', 'unbound', RUNS, () => as(DEV_IDENTITIES.unbound)('user', 'home'))
  await measure('user', 'bind', 'unbound', RUNS, (i) => as(`bench-bind-${i}`)('user', 'bind', { studentNo: unbound[i].no, name: unbound[i].name }))
  await measure('user', 'redeemInvite', 'unbound', RUNS, (i) => as(`bench-invite-${i}`)('user', 'redeemInvite', { code: invites[i] }))
  await measure('user', 'unbind', 'admin', RUNS, (i) => admin('user', 'unbind', { personId: unbound[i]._id }))

  // Lists: first pages, deep pages (cursors reached by paging there), filters, search.
  const roster = (input: ActionInput<'roster', 'list'>) => (cursor?: string) => admin('roster', 'list', { pageSize: 20, ...input, cursor })
  const page500 = await cursorAfter(roster({}), 499)
  const henan50 = await cursorAfter(roster({ province: '河南省' }), 49)
  const { data: [named] } = await db.collection('people').where({ kind: 'student', groupId: s.groupId }).field({ name: true }).limit(1).get()
  await measure('roster', 'list', 'admin, page 1', RUNS, () => roster({})())
  await measure('roster', 'list', 'admin, page 500 (or the last)', RUNS, () => roster({})(page500))
  await measure('roster', 'list', 'admin, 河南省 page 50', RUNS, () => roster({ province: '河南省' })(henan50))
  await measure('roster', 'list', 'admin, one group', RUNS, () => roster({ groupId: s.groupId })())
  await measure('roster', 'list', 'admin, unassigned in 河南省', RUNS, () => roster({ unassigned: true, province: '河南省' })())
  await measure('roster', 'list', 'admin, keyword 2024 (number prefix)', RUNS, () => roster({ keyword: '2024' })())
  await measure('roster', 'list', 'admin, keyword a name', RUNS, () => roster({ keyword: named.name })())
  const csv = rosterToCsv(generateDataset({ interns: run.interns }).roster)
  const { fileID } = await localApp(emulator.adminUrl).uploadFile({ cloudPath: 'uploads/bench.csv', fileContent: Buffer.from(csv) })
  await measure('roster', 'import', 'admin (the whole roster, unchanged)', 3, () => admin('roster', 'import', { fileID }))
  await measure('roster', 'export', 'admin (the whole roster)', 3, () => admin('roster', 'export'))

  const groups = (input: ActionInput<'group', 'list'>, who = admin) => (cursor?: string) => who('group', 'list', { pageSize: 20, ...input, cursor })
  const groupsPage5 = await cursorAfter(groups({}), 4)
  await measure('group', 'list', 'admin, page 1', RUNS, () => groups({})())
  await measure('group', 'list', 'admin, page 5 (or the last)', RUNS, () => groups({})(groupsPage5))
  await measure('group', 'list', 'admin, 河南省', RUNS, () => groups({ province: '河南省' })())
  await measure('group', 'list', 'advisor', RUNS, () => groups({}, as(DEV_IDENTITIES.advisor))())
  // Search, as a teacher types it: a city without 市 (also the beginning of names), the beginning of pooled groups' names.
  await measure('group', 'list', 'admin, keyword 郑州 (city and name)', RUNS, () => groups({ keyword: '郑州' })())
  await measure('group', 'list', 'admin, keyword 河南省其他 (a name\'s beginning)', RUNS, () => groups({ keyword: '河南省其他' })())
  await measure('group', 'list', 'admin, keyword 郑州 in 河南省', RUNS, () => groups({ keyword: '郑州', province: '河南省' })())
  await measure('group', 'list', 'advisor, keyword 郑州', RUNS, () => groups({ keyword: '郑州' }, as(DEV_IDENTITIES.advisor))())
  await measure('group', 'detail', 'liaison', RUNS, () => as(DEV_IDENTITIES.liaison)('group', 'detail', { groupId: s.groupId }))
  await measure('group', 'detail', 'advisor', RUNS, () => as(DEV_IDENTITIES.advisor)('group', 'detail', { groupId: s.groupId }))
  await measure('group', 'detail', 'admin', RUNS, (i) => admin('group', 'detail', { groupId: i % 2 ? s.groupId : s.otherGroupId }))
  await measure('group', 'suggestLiaisons', 'advisor', RUNS, () => as(DEV_IDENTITIES.advisor)('group', 'suggestLiaisons', { groupId: s.groupId }))
  await measure('group', 'assignRoles', 'admin', RUNS, () => admin('group', 'assignRoles', { groupId: s.groupId, liaisonId: s.liaisonId, coreMemberIds: [] }))
  await measure('group', 'assignAdvisors', 'admin', RUNS, () => admin('group', 'assignAdvisors', { groupId: s.groupId, advisorIds: [s.advisorId] }))
  await measure('group', 'assignUnitContacts', 'admin', RUNS, () => admin('group', 'assignUnitContacts', { groupId: s.groupId, unitContactIds: [s.unitContactId] }))
  await measure('group', 'setFlagIssued', 'admin', RUNS, (i) => admin('group', 'setFlagIssued', { groupId: s.groupId, issued: i % 2 === 0 }))
  await measure('group', 'moveMember', 'admin', RUNS, (i) => admin('group', 'moveMember', { personId: s.internId, toGroupId: i % 2 ? s.groupId : s.otherGroupId, reason: '更换实习医院' }))
  // After an odd number of moves the intern is in the other group: bring them back for what follows.
  if (RUNS % 2) await admin('group', 'moveMember', { personId: s.internId, toGroupId: s.groupId, reason: '回到原实习医院' })
  await measure('group', 'history', 'admin', RUNS, () => admin('group', 'history', { personId: s.internId }))
  // Joining: the bound students without a group leave their groups first (setup, not measured).
  const joiners = unbound.slice(0, RUNS)
  const { data: groupOfRegion } = await db.collection('groups').where({ _id: s.groupId }).get()
  for (const [i, p] of joiners.entries()) {
    await as(`bench-join-${i}`)('user', 'bind', { studentNo: p.no, name: p.name })
    await db.collection('people').doc(p._id).update({ groupId: null, politicalStatus: 'masses', province: groupOfRegion[0].province, year: groupOfRegion[0].year })
  }
  await measure('group', 'join', 'intern', RUNS, (i) => as(`bench-join-${i}`)('group', 'join', { inviteCode: groupOfRegion[0].inviteCode }))

  await measure('circle', 'autoAssign', 'liaison', RUNS, () => as(DEV_IDENTITIES.liaison)('circle', 'autoAssign', { groupId: s.groupId }))
  // The intern leaves their mentor and comes back (a mentor with room, when they had none).
  const { circles } = await as(DEV_IDENTITIES.liaison)('circle', 'list', { groupId: s.groupId })
  const mentorId = (circles.find((c) => c.mentees.some((m) => m.id === s.internId)) ?? circles.find((c) => c.mentees.length < 10))?.mentor.id ?? null
  await measure('circle', 'setMentor', 'liaison', RUNS, (i) => as(DEV_IDENTITIES.liaison)('circle', 'setMentor', { studentId: s.internId, mentorId: i % 2 ? mentorId : null }))
  await measure('circle', 'list', 'liaison', RUNS, () => as(DEV_IDENTITIES.liaison)('circle', 'list', { groupId: s.groupId }))
  await measure('circle', 'coverage', 'admin (whole branch)', RUNS, () => admin('circle', 'coverage', {}))
  await measure('circle', 'coverage', 'admin (one group)', RUNS, () => admin('circle', 'coverage', { groupId: s.groupId }))

  let token = ''
  await measure('badge', 'get', 'intern', RUNS, async () => { token = (await as(DEV_IDENTITIES.intern)('badge', 'get')).qrPayload })
  await measure('badge', 'verify', 'liaison', RUNS, () => as(DEV_IDENTITIES.liaison)('badge', 'verify', { token }))

  // Formation on a fresh year: 4,000 new interns, preview then apply (warm instances).
  const fresh = generateDataset({ seed: 99, interns: 4000 }).roster.map((r) => ({ ...r, studentNo: `9${r.studentNo}`, internshipStart: '2027-07-01', internshipEnd: '2028-04-30' }))
  const up = await localApp(emulator.adminUrl).uploadFile({ cloudPath: 'uploads/next-year.csv', fileContent: Buffer.from(rosterToCsv(fresh)) })
  const lastP50 = (): number => run.rows[run.rows.length - 1].p50
  await measure('roster', 'import', 'admin (4,000 new rows)', 1, () => admin('roster', 'import', { fileID: up.fileID }))
  const importMs = lastP50()
  let fingerprint = ''
  await measure('group', 'previewFormation', 'admin (4,000 interns)', 1, async () => { fingerprint = (await admin('group', 'previewFormation', {})).fingerprint })
  const previewMs = lastP50()
  await measure('group', 'applyFormation', 'admin (4,000 interns)', 1, () => admin('group', 'applyFormation', { fingerprint }))
  const applyMs = lastP50()
  run.notes.push(
    `forming groups for 4,000 interns (preview + apply): ${((previewMs + applyMs) / 1000).toFixed(2)} s (budget 2 s)`,
    `importing 4,000 new rows: ${(importMs / 1000).toFixed(2)} s (budget 10 s)`,
    `seeding's own import of ${run.interns} rows: ${(seeded.timings.importMs / 1000).toFixed(2)} s; formation ${((seeded.timings.previewMs + seeded.timings.applyMs) / 1000).toFixed(2)} s`
  )
}

function verdict(action: string, requests: number[]): string {
  if (BULK.has(action)) return 'bulk job'
  if (requests.every((r) => r <= 4)) return 'ok (<= 4)'
  return BY_DESIGN[action] ?? 'OVER (> 4)'
}

function printTable(runs: Run[]): void {
  const out = (line: string): void => { process.stdout.write(`${line}\n`) }
  const labels = runs[0].rows.map((r) => `${r.action} (${r.who})`)
  const width = Math.max(...labels.map((l) => l.length))
  out('')
  for (const r of runs) out(`${r.interns} interns, ${r.groups} groups: seeded through the functions in ${(r.seedMs / 1000).toFixed(1)} s`)
  out(`${RUNS} calls each (bulk jobs fewer); requests and documents examined are the most for one call\n`)
  const sizeHead = runs.map((r) => `${`${r.interns} interns`.padStart(26)}`).join('')
  out(`  ${''.padEnd(width)}${sizeHead}`)
  out(`  ${'action (caller)'.padEnd(width)}${runs.map(() => '  requests    docs  p50 ms').join('')}   budget`)
  labels.forEach((label, i) => {
    const cells = runs.map((r) => {
      const row = r.rows[i]
      return `  ${String(row.requests).padStart(8)}  ${String(row.docs).padStart(6)}  ${row.p50.toFixed(1).padStart(6)}`
    }).join('')
    out(`  ${label.padEnd(width)}${cells}   ${verdict(runs[0].rows[i].action, runs.map((r) => r.rows[i].requests))}`)
  })
  const over = labels.filter((_, i) => verdict(runs[0].rows[i].action, runs.map((r) => r.rows[i].requests)).startsWith('OVER'))
  out(`\n  user-facing actions over 4 database requests: ${over.length ? over.join(', ') : 'none'}`)
  for (const r of runs) for (const note of r.notes) out(`  ${r.interns} interns: ${note}`)
}

async function main(): Promise<void> {
  buildFunctions()
  const runs: Run[] = []
  for (const interns of SIZES) runs.push(await benchAt(interns))
  printTable(runs)
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`)
  process.exit(1)
})
