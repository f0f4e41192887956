import type { z } from 'zod'
import { volunteerActions } from '../../../types/actions/volunteer'
import { database } from '../../common/app'
import { isDuplicateWrite } from '../../common/db'
import { ActionContext, defineAction } from '../../common/dispatcher'
import { invalid } from '../../common/errors'
import { reserveDay } from '../counters'
import { chinaDay, isCalendarDay, recordId, recordKey, V, VolunteerDoc } from '../model'
import { findRecord, photoUrlsFor, screenRecord } from '../records'
import { volunteerViewOf } from '../views'
import { internshipYearOf } from '../../../types/domain'

type LogInput = z.output<typeof volunteerActions.log.input>

/** The day must be a real one, not after today (China time), and in the intern's internship year. */
function checkDay(date: string, year: string | null, now: Date): string {
  if (!isCalendarDay(date)) throw invalid(`日期不存在：${date}`)
  if (date > chinaDay(now)) throw invalid('不能登记未来日期的志愿服务')
  const dayYear = internshipYearOf(date)
  const mine = year ?? internshipYearOf(chinaDay(now))
  if (dayYear !== mine) throw invalid(`只能登记本实习年度（${mine}）内的志愿服务`)
  return dayYear
}

async function recordOf(input: LogInput, ctx: ActionContext): Promise<VolunteerDoc> {
  const me = ctx.person()
  const year = checkDay(input.date, me.year, ctx.now)
  const held = await screenRecord([input.place, input.description], input.photos, ctx.caller.openid)
  const _id = recordId(me._id, input.requestId)
  const groupId = ctx.caller.group?._id ?? null
  return {
    _id, personId: me._id, personName: me.name, groupId, province: me.province, year, date: input.date, hours: input.hours,
    place: input.place, category: input.category, amount: input.amount, description: input.description, photos: input.photos, ...held,
    state: 'pending', verifiedBy: null, verifiedAt: null, rejectReason: null, usedLinks: [], pendingGroup: groupId,
    key: recordKey(input.date, ctx.now, _id), requestId: input.requestId, createdAt: ctx.now, updatedAt: ctx.now
  }
}

/** Writes the record once its hours are counted; a record written by an earlier try is answered as it is. */
async function insertOnce(record: VolunteerDoc): Promise<VolunteerDoc> {
  try {
    await database().collection(V.records).add(record)
    return record
  } catch (e) {
    if (!isDuplicateWrite(e)) throw e
    const made = await findRecord(record._id)
    if (!made || made.personId !== record.personId) throw e
    return made
  }
}

/**
 * Logs hours of volunteer service, once per request id. The day must be today or before
 * (China time) and in the intern's year; the text and photos pass the content check. The
 * hours are first reserved on the intern's counter (a conditional `_.inc` holding the day
 * to 24 hours, also under concurrent logs), then the record is written: a try that dies
 * between the two is finished by its retry and counted once. The group's and province's
 * counters follow at the next recount (recount.ts). Three requests with the caller; the
 * intern's first log of the year and a refusal take four; a retry after a lost answer
 * five (it reads the record it answers with), and a retry of a try that died between the
 * counter and the record six (it writes the record).
 */
export const log = defineAction({
  contract: volunteerActions.log,
  handler: async (input, ctx) => {
    const record = await recordOf(input, ctx)
    // A retry whose first try wrote the record finds it: the record is written last, once its hours are counted.
    const written = (await reserveDay(record, ctx.now)) === 'applied' ? await findRecord(record._id) : null
    const stored = written?.personId === record.personId ? written : await insertOnce(record)
    return volunteerViewOf(stored, await photoUrlsFor([stored], stored.personId))
  }
})
