/**
 * `npm run seed`: builds the functions, starts the emulator on the data folder (default
 * .data; `--data <dir>`), fills it with the demo school and stops. Refuses a folder that
 * already holds data unless `--reset` is given.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { start } from '../emulator'
import { buildFunctions } from './build-functions'
import { seedDemo, SeedResult } from './seed/run'

const root = path.resolve(__dirname, '..')

async function seedDataDir(dataDir: string, log: (l: string) => void, interns?: number): Promise<SeedResult> {
  buildFunctions()
  const emulator = await start({
    port: 0,
    dataDir,
    collectionsFile: path.join(root, 'database/collections.json'),
    cloudbaseRc: path.join(root, 'cloudbaserc.json'),
    functionLog: () => undefined
  })
  try {
    return await seedDemo({ adminUrl: emulator.adminUrl, interns, log })
  } finally {
    await emulator.stop()
  }
}

export function printSummary(r: SeedResult, log: (l: string) => void): void {
  log(`demo school: ${r.interns} interns in ${r.groups} groups, ${r.teachers} teachers, ${r.unitContacts} unit contacts`)
  log(`micro Party lessons: ${r.lessons.published} published (${r.lessons.readings} readings, ${r.lessons.answers} quiz answers), ${r.lessons.scheduled} scheduled`)
  log(`study notes: ${r.journal.notes} (${r.journal.shared} shared with advisors or groups, ${r.journal.comments} advisor comments)`)
  const v = r.groupLife.verification
  log(`group life: ${r.groupLife.checkins} activity check-ins, ${r.groupLife.volunteerRecords} volunteer records (${v.verified} verified, ${v.pending} pending, ${v.rejected} returned)`)
  log(`questions to advisors: ${r.questions.questions} (${r.questions.answered} answered, ${r.questions.shared} shared with their groups)`)
  log(`heart-to-heart talks: ${r.talks.talks} (${r.talks.followUpsOverdue} follow-ups past due)`)
  log(`roster import ${(r.timings.importMs / 1000).toFixed(2)} s, formation preview ${(r.timings.previewMs / 1000).toFixed(2)} s, apply ${(r.timings.applyMs / 1000).toFixed(2)} s`)
  log('development identities (H5: localStorage devOpenId, or the x-emulator-openid header):')
  for (const i of r.identities) log(`  ${i.openid.padEnd(14)} ${i.who}`)
}

if (require.main === module) {
  const { values } = parseArgs({ options: { data: { type: 'string' }, reset: { type: 'boolean' }, interns: { type: 'string' } } })
  const dataDir = path.resolve(values.data ?? path.join(root, '.data'))
  const log = (l: string) => process.stdout.write(`${l}\n`)
  if (values.reset) fs.rmSync(dataDir, { recursive: true, force: true })
  const t0 = performance.now()
  seedDataDir(dataDir, log, values.interns ? Number(values.interns) : undefined).then((r) => {
    printSummary(r, log)
    log(`seeded ${dataDir} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  }).catch((e: Error) => {
    process.stderr.write(`seed failed: ${e.message}\n`)
    process.exit(1)
  })
}
