/**
 * `npm run bench:actions`: every action on the seeded full-school dataset, through the real
 * functions on the emulator. Prints, per action, the database requests one call makes
 * (from the emulator's counter) and latency p50/p95, against the budgets: at most 4
 * database requests for every user-facing action, forming groups for 4,000 interns under
 * 2 s, importing 4,000 rows under 10 s. Prints figures; asserts nothing.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { start } from '../../emulator'
import { buildFunctions } from '../../scripts/build-functions'
import { generateDataset, rosterToCsv } from '../../scripts/seed/data'
import { localApp } from '../../scripts/client'
import { callerAs, DEV_IDENTITIES, seedDemo } from '../../scripts/seed/run'
import type { FunctionName } from '../../types/contract'

const root = path.resolve(__dirname, '../..')
const RUNS = Number(process.env.BENCH_RUNS ?? 30)
/** Bulk jobs of the branch: their request count grows with the roster by design. */
const BULK = new Set(['roster.import', 'roster.export', 'group.previewFormation', 'group.applyFormation'])

interface Row { action: string; who: string; requests: number; p50: number; p95: number; calls: number }

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]

async function main(): Promise<void> {
  buildFunctions()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-bench-actions-'))
  const emulator = await start({
    port: 0, dataDir, collectionsFile: path.join(root, 'database/collections.json'),
    cloudbaseRc: path.join(root, 'cloudbaserc.json'), functionLog: () => undefined
  })
  const rows: Row[] = []
  try {
    const t0 = performance.now()
    const seeded = await seedDemo({ adminUrl: emulator.adminUrl })
    const seedMs = performance.now() - t0
    const db = localApp(emulator.adminUrl).database()
    const as = (openid: string) => callerAs(emulator.adminUrl, openid)
    const admin = as(DEV_IDENTITIES.admin)
    const s = seeded.sample

    /** Runs `n` calls, measuring each call's database requests and latency. */
    async function measure(fn: FunctionName, action: string, who: string, n: number, call: (i: number) => Promise<unknown>): Promise<void> {
      const times: number[] = []
      let maxRequests = 0
      for (let i = 0; i < n; i++) {
        const before = emulator.stats.databaseRequests
        const t = performance.now()
        await call(i)
        times.push(performance.now() - t)
        maxRequests = Math.max(maxRequests, emulator.stats.databaseRequests - before)
      }
      rows.push({ action: `${fn}.${action}`, who, requests: maxRequests, p50: pct(times, 50), p95: pct(times, 95), calls: n })
    }

    // Students nobody has bound yet, and unused invites, for the binding actions.
    const { data: unbound } = await db.collection('people').where({ kind: 'student', openid: null }).field({ no: true, name: true }).limit(RUNS).get()
    const invites: string[] = []
    await measure('user', 'createInvite', 'admin', RUNS, async () => {
      invites.push((await admin('user', 'createInvite', { kind: 'teacher', name: '测试教师' })).code)
    })
    await measure('user', 'me', 'intern', RUNS, () => as(DEV_IDENTITIES.intern)('user', 'me'))
    await measure('user', 'bind', 'unbound', RUNS, (i) => as(`bench-bind-${i}`)('user', 'bind', { studentNo: unbound[i].no, name: unbound[i].name }))
    await measure('user', 'redeemInvite', 'unbound', RUNS, (i) => as(`bench-invite-${i}`)('user', 'redeemInvite', { code: invites[i] }))
    await measure('user', 'unbind', 'admin', RUNS, (i) => admin('user', 'unbind', { personId: unbound[i]._id }))

    await measure('roster', 'list', 'admin', RUNS, (i) => admin('roster', 'list', { page: 1 + (i % 5), pageSize: 20, province: i % 2 ? '河南省' : undefined }))
    const csv = rosterToCsv(generateDataset().roster)
    const { fileID } = await localApp(emulator.adminUrl).uploadFile({ cloudPath: 'uploads/bench.csv', fileContent: Buffer.from(csv) })
    await measure('roster', 'import', 'admin (4,200 rows, unchanged)', 3, () => admin('roster', 'import', { fileID }))
    await measure('roster', 'export', 'admin (4,200 rows)', 3, () => admin('roster', 'export'))

    await measure('group', 'list', 'admin', RUNS, (i) => admin('group', 'list', { page: 1 + (i % 5), pageSize: 20 }))
    await measure('group', 'list', 'advisor', RUNS, () => as(DEV_IDENTITIES.advisor)('group', 'list', {}))
    await measure('group', 'detail', 'liaison', RUNS, () => as(DEV_IDENTITIES.liaison)('group', 'detail', { groupId: s.groupId }))
    await measure('group', 'detail', 'advisor', RUNS, () => as(DEV_IDENTITIES.advisor)('group', 'detail', { groupId: s.groupId }))
    await measure('group', 'detail', 'admin', RUNS, (i) => admin('group', 'detail', { groupId: i % 2 ? s.groupId : s.otherGroupId }))
    await measure('group', 'suggestLiaisons', 'advisor', RUNS, () => as(DEV_IDENTITIES.advisor)('group', 'suggestLiaisons', { groupId: s.groupId }))
    await measure('group', 'assignRoles', 'admin', RUNS, () => admin('group', 'assignRoles', { groupId: s.groupId, liaisonId: s.liaisonId, coreMemberIds: [] }))
    await measure('group', 'assignAdvisors', 'admin', RUNS, () => admin('group', 'assignAdvisors', { groupId: s.groupId, advisorIds: [s.advisorId] }))
    await measure('group', 'assignUnitContacts', 'admin', RUNS, () => admin('group', 'assignUnitContacts', { groupId: s.groupId, unitContactIds: [s.unitContactId] }))
    await measure('group', 'setFlagIssued', 'admin', RUNS, (i) => admin('group', 'setFlagIssued', { groupId: s.groupId, issued: i % 2 === 0 }))
    await measure('group', 'moveMember', 'admin', RUNS, (i) => admin('group', 'moveMember', { personId: s.internId, toGroupId: i % 2 ? s.groupId : s.otherGroupId, reason: '更换实习医院' }))
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
    await measure('circle', 'setMentor', 'liaison', RUNS, (i) => as(DEV_IDENTITIES.liaison)('circle', 'setMentor', { studentId: s.internId, mentorId: i % 2 ? s.liaisonId : null }))
    await measure('circle', 'list', 'liaison', RUNS, () => as(DEV_IDENTITIES.liaison)('circle', 'list', { groupId: s.groupId }))
    await measure('circle', 'coverage', 'admin (whole branch)', RUNS, () => admin('circle', 'coverage', {}))
    await measure('circle', 'coverage', 'admin (one group)', RUNS, () => admin('circle', 'coverage', { groupId: s.groupId }))

    let token = ''
    await measure('badge', 'get', 'intern', RUNS, async () => { token = (await as(DEV_IDENTITIES.intern)('badge', 'get')).qrPayload })
    await measure('badge', 'verify', 'liaison', RUNS, () => as(DEV_IDENTITIES.liaison)('badge', 'verify', { token }))

    // Formation on a fresh year: 4,000 new interns, preview then apply (warm instances).
    const fresh = generateDataset({ seed: 99, interns: 4000 }).roster.map((r) => ({ ...r, studentNo: `9${r.studentNo}`, internshipStart: '2027-07-01', internshipEnd: '2028-04-30' }))
    const up = await localApp(emulator.adminUrl).uploadFile({ cloudPath: 'uploads/next-year.csv', fileContent: Buffer.from(rosterToCsv(fresh)) })
    let importMs = 0
    await measure('roster', 'import', 'admin (4,000 new rows)', 1, async () => {
      const t = performance.now()
      await admin('roster', 'import', { fileID: up.fileID })
      importMs = performance.now() - t
    })
    let fingerprint = ''
    await measure('group', 'previewFormation', 'admin (4,000 interns)', 1, async () => { fingerprint = (await admin('group', 'previewFormation', {})).fingerprint })
    await measure('group', 'applyFormation', 'admin (4,000 interns)', 1, () => admin('group', 'applyFormation', { fingerprint }))
    const formationMs = rows.filter((r) => r.action === 'group.previewFormation' || r.action === 'group.applyFormation').slice(-2).reduce((t, r) => t + r.p50, 0)

    const width = Math.max(...rows.map((r) => `${r.action} (${r.who})`.length))
    process.stdout.write(`\nactions on the seeded school (${seeded.interns} interns, ${seeded.groups} groups; seeded in ${(seedMs / 1000).toFixed(1)} s), ${RUNS} calls each\n`)
    process.stdout.write(`  ${'action (caller)'.padEnd(width)}  db requests  p50 ms   p95 ms   budget\n`)
    for (const r of rows) {
      const bulk = BULK.has(r.action)
      const verdict = bulk ? 'bulk job' : r.requests <= 4 ? 'ok (<= 4)' : 'OVER (> 4)'
      process.stdout.write(`  ${`${r.action} (${r.who})`.padEnd(width)}  ${String(r.requests).padStart(11)}  ${r.p50.toFixed(1).padStart(6)}  ${r.p95.toFixed(1).padStart(7)}   ${verdict}\n`)
    }
    const over = rows.filter((r) => !BULK.has(r.action) && r.requests > 4)
    process.stdout.write(`\n  user-facing actions over 4 database requests: ${over.length ? over.map((r) => r.action).join(', ') : 'none'}\n`)
    process.stdout.write(`  forming groups for 4,000 interns (preview + apply): ${(formationMs / 1000).toFixed(2)} s (budget 2 s)\n`)
    process.stdout.write(`  importing 4,000 rows: ${(importMs / 1000).toFixed(2)} s (budget 10 s)\n`)
    process.stdout.write(`  seeding's own import of 4,200 rows: ${(seeded.timings.importMs / 1000).toFixed(2)} s; formation ${((seeded.timings.previewMs + seeded.timings.applyMs) / 1000).toFixed(2)} s\n`)
  } finally {
    await emulator.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`)
  process.exit(1)
})
