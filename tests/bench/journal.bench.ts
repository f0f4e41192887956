/**
 * `npm run bench:journal`: the study journal on the seeded school (4,200 interns, about
 * 10,000 notes), through the real functions on the emulator, then again with the notes
 * (and their inbox entries) cloned up to 100,000. Prints per action the database requests
 * and documents examined by one call (the most over its runs) and latency p50, against the
 * budget (at most 4 requests, flat). Prints figures; asserts nothing.
 */
import type { Emulator } from '../../emulator'
import { buildFunctions } from '../../scripts/build-functions'
import { localApp } from '../../scripts/client'
import { callerAs, DEV_IDENTITIES, seedDemo } from '../../scripts/seed/run'
import { inboxKey, noteKey, type InboxDoc, type NoteDoc } from '../../cloudfunctions/journal/model'
import type { Call } from '../../types/client'
import { measureCalls, startBenchEmulator } from './measure'

const RUNS = Number(process.env.BENCH_RUNS ?? 30)
const INTERNS = Number(process.env.BENCH_INTERNS ?? 4200)
const NOTES = 100_000
const CHUNK = 500
const BUDGET = 4

interface Row { stage: string; label: string; requests: number; docs: number; p50: number }

async function main(): Promise<void> {
  buildFunctions()
  const { emulator, stop } = await startBenchEmulator('journal')
  const out = (line: string): void => { process.stdout.write(`${line}\n`) }
  try {
    const t0 = performance.now()
    const seeded = await seedDemo({ adminUrl: emulator.adminUrl, interns: INTERNS })
    out(`\n${seeded.interns} interns, ${seeded.journal.notes} notes (${seeded.journal.shared} shared, ${seeded.journal.comments} comments, ${seeded.journal.inboxEntries} inbox entries): seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    const rows: Row[] = []
    await measureStage(emulator, rows, `${seeded.journal.notes} notes`)
    const t1 = performance.now()
    const grown = await grow(emulator)
    out(`grown to ${grown} notes in ${((performance.now() - t1) / 1000).toFixed(1)} s`)
    await measureStage(emulator, rows, `${grown} notes`)
    printRows(rows, out)
  } finally {
    await stop()
  }
}

let seq = 0
const requestId = (): string => `bench-${Date.now().toString(36)}-${(seq++).toString(36)}`

/** The journal's screens as the development intern, their group's liaison and their advisor. */
async function measureStage(emulator: Emulator, rows: Row[], stage: string): Promise<void> {
  const as = (openid: string): Call => callerAs(emulator.adminUrl, openid)
  const intern = as(DEV_IDENTITIES.intern)
  const advisor = as(DEV_IDENTITIES.advisor)
  const liaison = as(DEV_IDENTITIES.liaison)
  const m = async (label: string, call: (i: number) => Promise<unknown>) => { rows.push({ stage, label, ...await measureCalls(emulator, RUNS, call) }) }
  const body = '今天在科室跟着带教老师查房，体会到全心全意为人民服务要落实在每一次耐心的解释中。'
  await m('journal.mine (intern, page 1)', () => intern('journal', 'mine', {}))
  await m('journal.mine (intern, search)', () => intern('journal', 'mine', { keyword: '查房' }))
  await m('journal.save (intern, create)', () => intern('journal', 'save', { requestId: requestId(), body, visibility: 'advisor' }))
  let note = await intern('journal', 'save', { requestId: requestId(), body, visibility: 'advisor' })
  await m('journal.save (intern, edit)', async () => { note = await intern('journal', 'save', { requestId: requestId(), noteId: note.id, baseVersion: note.version, body, visibility: 'advisor' }) })
  await m('journal.get (intern, own)', () => intern('journal', 'get', { noteId: note.id }))
  await m('journal.get (advisor)', () => advisor('journal', 'get', { noteId: note.id }))
  await m('journal.shared (advisor, page 1)', () => advisor('journal', 'shared', {}))
  await m('journal.group (liaison, page 1)', () => liaison('journal', 'group', {}))
  await m('journal.comment (advisor)', () => advisor('journal', 'comment', { requestId: requestId(), noteId: note.id, body: '写得很好，继续保持。' }))
}

/** Clones the seeded notes (and their inbox entries), each copy a day further back, up to NOTES. */
async function grow(emulator: Emulator): Promise<number> {
  const db = localApp(emulator.adminUrl).database()
  const readAll = async <T>(collection: string): Promise<T[]> => {
    const all: T[] = []
    for (let skip = 0; ; skip += 1000) {
      const { data } = await db.collection(collection).orderBy('_id', 'asc').skip(skip).limit(1000).get()
      all.push(...(data as T[]))
      if (data.length < 1000) return all
    }
  }
  const [notes, inbox] = await Promise.all([readAll<NoteDoc>('notes'), readAll<InboxDoc>('noteInbox')])
  const inboxOf = new Map<string, InboxDoc[]>()
  for (const e of inbox) inboxOf.set(e.noteId, [...(inboxOf.get(e.noteId) ?? []), e])
  let total = notes.length
  for (let copy = 1; total < NOTES; copy++) {
    const batch = notes.slice(0, NOTES - total).map((n) => {
      const _id = `c${copy}${n._id}`.slice(0, 40)
      const createdAt = new Date(new Date(n.createdAt).getTime() - copy * 86_400_000)
      return { ...n, _id, owner: n.owner, key: noteKey(createdAt, _id), createdAt, updatedAt: createdAt, requestIds: [], authorOpenid: null }
    })
    const entries = batch.flatMap((c, i) => (inboxOf.get(notes[i]._id) ?? []).map((e) => ({ ...e, _id: `${e.advisorId}:${c._id}`, noteId: c._id, key: inboxKey(e.read, c.createdAt, c._id) })))
    for (let i = 0; i < batch.length; i += CHUNK) await db.collection('notes').add(batch.slice(i, i + CHUNK))
    for (let i = 0; i < entries.length; i += CHUNK) await db.collection('noteInbox').add(entries.slice(i, i + CHUNK))
    total += batch.length
  }
  return (await db.collection('notes').count()).total
}

function printRows(rows: Row[], out: (line: string) => void): void {
  const stages = [...new Set(rows.map((r) => r.stage))]
  const labels = [...new Set(rows.map((r) => r.label))]
  const width = Math.max(...labels.map((l) => l.length))
  out(`\n${RUNS} calls each; requests and documents examined are the most for one call\n`)
  out(`  ${''.padEnd(width)}${stages.map((s) => s.padStart(26)).join('')}`)
  out(`  ${'action (caller)'.padEnd(width)}${stages.map(() => '  requests    docs  p50 ms').join('')}   budget`)
  for (const label of labels) {
    const cells = stages.map((s) => rows.find((r) => r.stage === s && r.label === label))
    const ok = cells.every((c) => c && c.requests <= BUDGET)
    out(`  ${label.padEnd(width)}${cells.map((c) => `  ${String(c?.requests ?? '-').padStart(8)}  ${String(c?.docs ?? '-').padStart(6)}  ${(c?.p50 ?? 0).toFixed(1).padStart(6)}`).join('')}   ${ok ? `ok (<= ${BUDGET})` : `OVER (> ${BUDGET})`}`)
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`)
  process.exit(1)
})
