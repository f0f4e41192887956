import type { z } from 'zod'
import { rosterActions, RowError } from '../../../types/actions/roster'
import { cloud } from '../../common/app'
import { readByIds } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { AppError, conflict, invalid } from '../../common/errors'
import { countsByGroup, recountGroups, sameCounts } from '../../common/groupCounts'
import { C } from '../../common/model'
import { markYearUnits } from '../../common/yearUnits'
import { insertAll, updateAll } from '../bulk'
import { databaseProblems, Existing, loadExisting } from '../checks'
import { planWrites, WritePlan } from '../plan'
import { readTable, Table } from '../table'
import { unitIdOf } from '../units'
import { MAX_ROWS, rosterColumnsOf, TOO_MANY_ROWS, validateRows } from '../validate'

const MAX_FILE_BYTES = 10 * 1024 * 1024
const REPORTED_ERRORS = 200
/** Writing stops when this share of the time limit is left, so the report still goes out. */
const TIME_RESERVE = 0.25

type Report = z.input<typeof rosterActions.import.output>

const codeOf = (e: unknown): string | undefined => (e as { code?: string } | null)?.code

/** Step 1: the uploaded file, read row by row; an over-large sheet is refused while it is read. */
async function readFile(fileID: string): Promise<Table> {
  let content: Buffer
  try {
    content = (await cloud().downloadFile({ fileID })).fileContent as Buffer
  } catch {
    throw new AppError('NOT_FOUND', '找不到上传的名单文件，请重新上传')
  }
  if (content.length > MAX_FILE_BYTES) throw invalid('名单文件不能超过10MB')
  return readTable(content, fileID, { maxDataRows: MAX_ROWS, tooManyRows: TOO_MANY_ROWS, keepColumns: rosterColumnsOf })
}

/** Step 4: the units the rows name that do not exist yet. */
async function writeUnits(plan: WritePlan): Promise<void> {
  try {
    await insertAll(C.units, plan.units)
  } catch (e) {
    // A unit's id comes from its name: one that another import created meanwhile is the same unit.
    if (codeOf(e) !== 'DATABASE_DUPLICATE_WRITE') throw e
    const present = new Set((await readByIds<{ _id: string }>(C.units, plan.units.map((u) => u._id), { _id: true })).map((u) => u._id))
    await insertAll(C.units, plan.units.filter((u) => !present.has(u._id)))
  }
}

/**
 * Step 5: new students, changed fields of existing ones (none started after `until`),
 * then the member counts of their groups. Returns how many of each were written.
 */
async function writePeople(plan: WritePlan, groups: Existing['groups'], now: Date, until: number): Promise<{ created: number; updated: number }> {
  let created: number
  try {
    created = await insertAll(C.people, plan.creates, until)
  } catch (e) {
    // Another import is creating the same students; running this one again completes it.
    if (codeOf(e) === 'DATABASE_DUPLICATE_WRITE') throw conflict('另一次导入正在写入相同的学生，请稍后重新导入此文件')
    throw e
  }
  const updated = await updateAll(C.people, plan.updates, until)
  // Counts are compared with the members rather than with this run's changes, so a run
  // that completes an interrupted one also repairs the counts that one left behind.
  const counts = await countsByGroup(plan.groups)
  const stale = plan.groups.filter((id) => groups.has(id) && !sameCounts(groups.get(id)!.counts, counts.get(id)!))
  if (stale.length) await recountGroups(stale, now)
  return { created, updated }
}

const rowsOf = (errors: RowError[]): number => new Set(errors.map((e) => e.row)).size

/**
 * Imports the roster file at `fileID`. Every check, of the file and against the database,
 * is done before the first write; unless the admin chooses to skip invalid rows, one
 * invalid row means nothing is written. Students are matched by student number and only
 * changed fields are written, so importing the same file again changes nothing, and an
 * interrupted import (or one that ran out of time) is completed by running it again.
 */
export const importRoster = defineAction({
  contract: rosterActions.import,
  handler: async (input, ctx) => {
    // 1. Read the file.
    const table = await readFile(input.fileID)

    // 2. Validate the rows, and settle the year the file belongs to.
    const file = validateRows(table, { today: ctx.now.toISOString().slice(0, 10), year: input.year })

    // 3. Check the rows against the database.
    const existing = await loadExisting(file.numbers.map((n) => n.studentNo), file.records)
    const dbErrors = databaseProblems(file.numbers, file.year, existing)
    const refused = new Set(dbErrors.map((e) => e.row))
    const records = file.records.filter((r) => !refused.has(r.row))
    const errors = [...file.errors, ...dbErrors].sort((a, b) => a.row - b.row)
    const report: Report = {
      year: file.year,
      total: file.total,
      valid: records.length,
      invalid: rowsOf(errors),
      created: 0,
      updated: 0,
      unchanged: 0,
      unitsCreated: 0,
      written: false,
      remaining: 0,
      errors: errors.slice(0, REPORTED_ERRORS),
      moreErrors: Math.max(0, errors.length - REPORTED_ERRORS)
    }
    const headerMissing = errors.some((e) => e.row === 1)
    if (headerMissing || (errors.length && !input.skipInvalid) || !records.length) return report

    const plan = planWrites(records, existing, ctx.now)
    // 4. Write the units, and mark them as the year's (the branch's home screen counts them).
    await writeUnits(plan)
    await markYearUnits(records.map((r) => ({ year: r.year, unitId: unitIdOf(r) })))
    // 5. Write the people.
    const until = ctx.deadline - (ctx.deadline - ctx.now.getTime()) * TIME_RESERVE
    const { created, updated } = await writePeople(plan, existing.groups, ctx.now, until)
    return {
      ...report,
      created,
      updated,
      unchanged: plan.unchanged,
      unitsCreated: plan.units.length,
      written: true,
      remaining: plan.creates.length - created + plan.updates.length - updated
    }
  }
})
