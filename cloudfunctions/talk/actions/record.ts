import type { z } from 'zod'
import { talkActions } from '../../../types/actions/talk'
import { internshipTermOf, internshipYearOf } from '../../../types/domain'
import { database } from '../../common/app'
import { chinaDay } from '../../common/chinaTime'
import { isDuplicateWrite } from '../../common/db'
import { ActionContext, defineAction } from '../../common/dispatcher'
import { AppError, invalid } from '../../common/errors'
import { C, GroupDoc, PersonDoc } from '../../common/model'
import { screenContent } from '../../common/ports'
import { recorderRoleOf } from '../access'
import { T, TalkDoc, talkId, talkKey } from '../model'
import { findTalk } from '../talks'
import { talkViewOf } from '../views'

type RecordInput = z.output<typeof talkActions.record.input>
type Student = Pick<PersonDoc, '_id' | 'name' | 'kind' | 'groupId'> & { group: Pick<GroupDoc, '_id' | 'year'>[] }

/** A refusal of one field of the form, named in `details` as the contract's own refusals are. */
const refuseField = (field: string, message: string): AppError => invalid(message, [{ path: [field], message }])

/** The day is not after today, China time. */
function refuseFuture(date: string, now: Date): void {
  if (date > chinaDay(now)) throw refuseField('date', '谈话日期不能晚于今天')
}

/** The day lies in the group's internship year (not before it, nor after it). */
function refuseOtherYear(date: string, groupYear: string): void {
  if (internshipYearOf(date) !== groupYear) throw refuseField('date', `只能记录本小组实习年度（${groupYear}）内的谈话`)
}

/** The student, a member of the group now, with the group's year. One request. */
async function studentOf(studentId: string, groupId: string): Promise<{ student: Student; year: string }> {
  const { data } = await database().collection(C.people).aggregate()
    .match({ _id: studentId })
    .project({ name: 1, kind: 1, groupId: 1 })
    .lookup({ from: C.groups, localField: 'groupId', foreignField: '_id', as: 'group' })
    .project({ name: 1, kind: 1, groupId: 1, 'group._id': 1, 'group.year': 1 })
    .limit(1)
    .end()
  const student = data[0] as Student | undefined
  const group = student?.group[0]
  if (!student || student.kind !== 'student' || student.groupId !== groupId || !group) throw refuseField('studentId', '这位同学不是本小组的成员，请重新选择')
  return { student, year: group.year }
}

const TEXT_FIELDS = [['topic', '谈话主题'], ['summary', '谈话内容'], ['followUp', '跟进事项']] as const

/** Each text passes the content check (held for review: refused, to be reworded); a refusal names its field. */
async function screen(input: RecordInput, openid: string | null): Promise<void> {
  await Promise.all(TEXT_FIELDS.map(async ([field, what]) => {
    const text = input[field]
    if (!text) return
    try {
      const result = await screenContent({ texts: [text], scene: 'log' }, openid, what)
      if (result.verdict !== 'pass') throw invalid(`${what}需人工审核${result.reason ? `（${result.reason}）` : ''}，请修改后再提交`)
    } catch (e) {
      if (e instanceof AppError && e.code === 'INVALID_ARGUMENT') throw refuseField(field, e.message)
      throw e
    }
  }))
}

function talkOf(input: RecordInput, ctx: ActionContext, student: Student): TalkDoc {
  const me = ctx.person()
  const _id = talkId(me._id, input.requestId)
  return {
    _id, requestIds: [input.requestId], year: internshipYearOf(input.date), term: internshipTermOf(input.date),
    groupId: input.groupId, studentId: student._id, studentName: student.name,
    recorderId: me._id, recorderName: me.name, recorderRole: recorderRoleOf(ctx.caller, input.groupId),
    date: input.date, form: input.form, topic: input.topic, summary: input.summary,
    followUp: input.followUp, followUpDue: input.followUpDue, followUpDone: false, followUpDoneAt: null,
    key: talkKey(input.date, ctx.now, _id), createdAt: ctx.now, updatedAt: ctx.now
  }
}

/** Writes the talk; a talk an earlier try of the same request wrote is answered as it is. */
async function insertOnce(talk: TalkDoc): Promise<TalkDoc> {
  try {
    await database().collection(T.talks).add(talk)
    return talk
  } catch (e) {
    if (!isDuplicateWrite(e)) throw e
    const made = await findTalk(talk._id)
    if (!made || made.recorderId !== talk.recorderId) throw e
    return made
  }
}

/**
 * Records a talk with a member of the group: by one of its advisors, its liaison or the
 * branch. The day is not in the future and lies in the group's internship year; the
 * student is a member of the group now (and not the recorder); each text passes the
 * content check. The id is made from the recorder and the request, so a retry writes
 * nothing more and answers the talk as stored. Three requests with the caller (the student
 * with the group's year, the write); a retry four.
 */
export const record = defineAction({
  contract: talkActions.record,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const me = ctx.person()
    if (input.studentId === me._id) throw refuseField('studentId', '不能记录与自己的谈话')
    refuseFuture(input.date, ctx.now)
    const [{ student, year }] = await Promise.all([studentOf(input.studentId, input.groupId), screen(input, ctx.caller.openid)])
    refuseOtherYear(input.date, year)
    return talkViewOf(await insertOnce(talkOf(input, ctx, student)))
  }
})
