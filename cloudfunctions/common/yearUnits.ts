/**
 * Which internship units a year's roster names, kept as one small document per year and
 * unit (`yearUnits`), so that the branch's home screen counts the year's units from an
 * index instead of reading the year's people. The roster import marks the units of the
 * rows it writes; a mark stays when a corrected file moves every intern away from a unit.
 */
import { database } from './app'
import { isDuplicateWrite, readByIds } from './db'
import { C, YearUnitDoc } from './model'
import { chunkBySize } from './requestSize'

const markId = (year: string, unitId: string): string => `${year}|${unitId}`

async function insertMissing(marks: YearUnitDoc[]): Promise<void> {
  const present = new Set((await readByIds<{ _id: string }>(C.yearUnits, marks.map((m) => m._id), { _id: true })).map((m) => m._id))
  const coll = database().collection(C.yearUnits)
  for (const chunk of chunkBySize(marks.filter((m) => !present.has(m._id)), { maxItems: 500 })) await coll.add(chunk)
}

/** Marks each unit as named by the roster of its year; marking again changes nothing. */
export async function markYearUnits(entries: { year: string; unitId: string }[]): Promise<void> {
  const marks = [...new Map(entries.map(({ year, unitId }) => [markId(year, unitId), { _id: markId(year, unitId), year, unitId }])).values()]
  if (!marks.length) return
  try {
    await insertMissing(marks)
  } catch (e) {
    // Another import of the same year marked some of them meanwhile: they are the same marks.
    if (!isDuplicateWrite(e)) throw e
    await insertMissing(marks)
  }
}

/** How many units a year's roster names: an index count (`year_1`), no document read. */
export async function countYearUnits(year: string): Promise<number> {
  return (await database().collection(C.yearUnits).where({ year }).count()).total as number
}
