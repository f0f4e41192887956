import { volunteerActions } from '../../../types/actions/volunteer'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { conflict, denied, notFound } from '../../common/errors'
import { settleCounters } from '../counters'
import { V, VolunteerDoc } from '../model'
import { findRecord, photoUrlsFor, settledMessage, verifierGroups } from '../records'
import { volunteerViewOf } from '../views'

/**
 * The group's liaison or one of its advisors verifies a pending record, or returns it with
 * a reason; never their own. One conditional write (pending, of a group they verify for,
 * not theirs) decides and marks the record unsettled; when it writes nothing, the record
 * says why. Then its hours move on the intern's counter, once (counters.ts `settleCounters`);
 * a try that died before they moved is finished when the verification is sent again. The
 * group's and province's counters follow at the next recount. Four requests with the caller.
 */
export const verify = defineAction({
  contract: volunteerActions.verify,
  handler: async (input, ctx) => {
    const me = ctx.person()
    const groups = verifierGroups(ctx)
    if (!groups.length) throw denied('只有本小组联络员或指导教师可以核实')
    const _ = database().command
    const role = me.kind === 'teacher' ? '指导教师' : '联络员'
    const { doc } = await database().collection(V.records)
      .where({ _id: input.recordId, state: 'pending', groupId: _.in(groups), personId: _.neq(me._id) })
      .updateAndReturn({
        state: input.approve ? 'verified' : 'rejected',
        verifiedBy: { name: me.name, role, via: 'app', personId: me._id },
        verifiedAt: ctx.now,
        rejectReason: input.approve ? null : input.reason ?? null,
        pendingGroup: null,
        settled: false,
        updatedAt: ctx.now
      }) as { doc: VolunteerDoc | null }
    if (!doc) throw await refusal(input.recordId, me._id, groups, ctx.now)
    await settleCounters(doc, ctx.now)
    return volunteerViewOf(doc, await photoUrlsFor([doc], me._id))
  }
})

/** Why the verification wrote nothing; a verification whose hours a dead try left unmoved is finished first. */
async function refusal(recordId: string, meId: string, groups: string[], now: Date): Promise<Error> {
  const record = await findRecord(recordId)
  if (!record) return notFound('志愿服务记录')
  if (!record.groupId || !groups.includes(record.groupId)) return denied('只能核实本小组（或你指导的小组）的志愿服务记录')
  if (record.personId === meId) return denied('不能核实自己的志愿服务记录')
  await settleCounters(record, now)
  return conflict(settledMessage(record))
}
