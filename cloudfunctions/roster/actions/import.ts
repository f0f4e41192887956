import { rosterActions } from '../../../types/actions/roster'
import { cloud, database } from '../../common/app'
import { readByIds } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { AppError, invalid } from '../../common/errors'
import { recountGroups } from '../../common/groupCounts'
import { C, PersonDoc, UnitDoc } from '../../common/model'
import { newPerson } from '../../common/people'
import { readTable, RosterRecord, validateTable } from '../parse'
import { unitIdOf } from '../units'

export const MAX_FILE_BYTES = 10 * 1024 * 1024
const REPORTED_ERRORS = 200
const BATCH = 500

/** The roster fields of a person, as stored. */
function fieldsOf(r: RosterRecord): Partial<PersonDoc> {
  return {
    name: r.name, grade: r.grade, major: r.major, politicalStatus: r.politicalStatus, phone: r.phone,
    unitId: unitIdOf(r), unitName: r.unitName, province: r.province, city: r.city,
    internshipStart: r.internshipStart, internshipEnd: r.internshipEnd, joinedPartyAt: r.joinedPartyAt,
    probationEndsAt: r.probationEndsAt, activistSince: r.activistSince, year: r.year
  }
}

function changedFields(existing: PersonDoc, next: Partial<PersonDoc>): Partial<PersonDoc> {
  const out: Partial<PersonDoc> = {}
  for (const [k, v] of Object.entries(next) as [keyof PersonDoc, unknown][]) {
    if ((existing[k] ?? null) !== (v ?? null)) (out as any)[k] = v
  }
  return out
}

/**
 * Imports the roster file at `fileID`. Every row is validated first; unless the admin
 * chooses to skip invalid rows, one invalid row means nothing is written. Students are
 * matched by student number, so importing the same file again changes nothing.
 */
export const importRoster = defineAction({
  contract: rosterActions.import,
  handler: async (input, ctx) => {
    let content: Buffer
    try {
      content = (await cloud().downloadFile({ fileID: input.fileID })).fileContent as Buffer
    } catch {
      throw new AppError('NOT_FOUND', '找不到上传的名单文件，请重新上传')
    }
    if (content.length > MAX_FILE_BYTES) throw invalid('名单文件不能超过10MB')
    let table
    try {
      table = await readTable(content, input.fileID)
    } catch (e) {
      throw invalid((e as Error).message)
    }
    const { records, errors, total } = validateTable(table, ctx.now.toISOString().slice(0, 10))
    const report = {
      total,
      valid: records.length,
      invalid: new Set(errors.map((e) => e.row)).size,
      created: 0,
      updated: 0,
      unchanged: 0,
      unitsCreated: 0,
      written: false,
      errors: errors.slice(0, REPORTED_ERRORS),
      moreErrors: Math.max(0, errors.length - REPORTED_ERRORS)
    }
    const headerMissing = errors.some((e) => e.row === 1)
    if (headerMissing || (errors.length && !input.skipInvalid) || !records.length) return report

    const db = database()
    const _ = db.command
    // Units first, so every person's unit exists.
    const units = new Map(records.map((r) => [unitIdOf(r), { _id: unitIdOf(r), name: r.unitName, province: r.province, city: r.city, createdAt: ctx.now }]))
    const known = new Set((await readByIds<UnitDoc>(C.units, [...units.keys()], { _id: true })).map((u) => u._id))
    const newUnits = [...units.values()].filter((u) => !known.has(u._id))
    for (let i = 0; i < newUnits.length; i += BATCH) await db.collection(C.units).add(newUnits.slice(i, i + BATCH))
    report.unitsCreated = newUnits.length

    const existing = new Map<string, PersonDoc>()
    const nos = records.map((r) => r.studentNo)
    for (let i = 0; i < nos.length; i += 1000) {
      const { data } = await db.collection(C.people).where({ no: _.in(nos.slice(i, i + 1000)) }).limit(1000).get()
      for (const p of data as PersonDoc[]) existing.set(p.no, p)
    }
    const fresh: Omit<PersonDoc, '_id'>[] = []
    const regrouped = new Set<string>()
    for (const r of records) {
      const p = existing.get(r.studentNo)
      if (!p) {
        fresh.push(newPerson({ no: r.studentNo, kind: 'student', ...fieldsOf(r) } as PersonDoc, ctx.now))
        continue
      }
      if (p.kind !== 'student') throw invalid(`第${r.row}行：学号${r.studentNo}已被教师或工作人员使用`)
      const changes = changedFields(p, fieldsOf(r))
      if (!Object.keys(changes).length) {
        report.unchanged++
        continue
      }
      await db.collection(C.people).doc(p._id).update({ ...changes, updatedAt: ctx.now })
      if (changes.politicalStatus && p.groupId) regrouped.add(p.groupId)
      report.updated++
    }
    // A grouped student whose status changed moves between their group's counts.
    if (regrouped.size) await recountGroups([...regrouped], ctx.now)
    for (let i = 0; i < fresh.length; i += BATCH) await db.collection(C.people).add(fresh.slice(i, i + BATCH))
    report.created = fresh.length
    report.written = true
    return report
  }
})
