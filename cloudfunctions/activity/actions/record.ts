import type { z } from 'zod'
import { activityActions } from '../../../types/actions/activity'
import { database } from '../../common/app'
import { isDuplicateWrite } from '../../common/db'
import { ActionContext, defineAction } from '../../common/dispatcher'
import { invalid } from '../../common/errors'
import { loadGroup } from '../../common/groups'
import { heldPhotosOf } from '../../common/heldPhotos'
import { C, PersonDoc } from '../../common/model'
import { screenContent } from '../../common/ports'
import { temporaryUrls } from '../../common/storage'
import { findCheckin } from '../checkins'
import { A, Attendance, CheckinDoc, checkinKey, entryOf, newCheckinId, PERSON_ID } from '../model'
import { checkinViewOf } from '../views'

type RecordInput = z.output<typeof activityActions.record.input>

/** How far ahead of now an activity's time may be (clocks differ a little); how far back it may be recorded. */
const AHEAD_MS = 10 * 60_000
const BACK_MS = 366 * 86_400_000

function heldAtOf(input: RecordInput, now: Date): Date {
  const heldAt = new Date(input.heldAt)
  if (heldAt.getTime() > now.getTime() + AHEAD_MS) throw invalid('活动时间不能晚于现在，请在活动开始后再打卡')
  if (heldAt.getTime() < now.getTime() - BACK_MS) throw invalid('只能记录一年以内的活动')
  return heldAt
}

/** The attendees, each a member of the group now. One request. */
async function attendeesOf(groupId: string, ids: string[]): Promise<Pick<PersonDoc, '_id' | 'name'>[]> {
  if (ids.some((id) => !PERSON_ID.test(id))) throw invalid('参加人员中有无效的编号，请重新选择')
  const _ = database().command
  const { data } = await database().collection(C.people).where({ _id: _.in(ids), groupId }).field({ name: true }).limit(ids.length).get()
  const found = data as Pick<PersonDoc, '_id' | 'name'>[]
  if (found.length < ids.length) throw invalid(`有${ids.length - found.length}位参加人员不是本小组成员，请重新选择`)
  const byId = new Map(found.map((p) => [p._id, p]))
  return ids.map((id) => byId.get(id)!)
}

/** The text passes the content check (held for review: refused, to be reworded); photos must exist, their checks may finish later. */
async function screen(input: RecordInput, openid: string | null): Promise<{ held: Pick<CheckinDoc, 'review' | 'mediaTraceIds' | 'photoChecks'>; urls: Map<string, string> }> {
  const [urls, text, media] = await Promise.all([
    temporaryUrls(input.photos),
    screenContent({ texts: [input.place, input.content], scene: 'log' }, openid, '活动内容'),
    screenContent({ media: input.photos.map((fileID) => ({ fileID, kind: 'image' as const, what: '活动照片' })) }, openid)
  ])
  if (input.photos.some((p) => !urls.has(p))) throw invalid('图片不存在，请重新上传')
  if (text.verdict !== 'pass') throw invalid(`活动内容需人工审核${text.reason ? `（${text.reason}）` : ''}，请修改后再提交`)
  return { held: heldPhotosOf(media), urls }
}

/** The check-in the input makes; the recorder, when listed, has confirmed already. */
function checkinOf(input: RecordInput, ctx: ActionContext, groupName: string, people: Pick<PersonDoc, '_id' | 'name'>[], held: Pick<CheckinDoc, 'review' | 'mediaTraceIds' | 'photoChecks'>): CheckinDoc {
  const me = ctx.person()
  const _id = newCheckinId(me._id, input.requestId)
  const heldAt = heldAtOf(input, ctx.now)
  const attendance: Record<string, Attendance> = {}
  for (const p of people) attendance[p._id] = { name: p.name, state: p._id === me._id ? 'confirmed' : 'listed' }
  const confirmed = attendance[me._id] ? 1 : 0
  return {
    _id, groupId: input.groupId, groupName, type: input.type, heldAt, place: input.place, content: input.content, photos: input.photos, ...held,
    recordedBy: { id: me._id, name: me.name }, requestId: input.requestId, attendance, attendeeIds: people.map((p) => p._id),
    counts: { listed: people.length - confirmed, confirmed, requested: 0 }, remind: 'pending', remindedAt: null,
    key: checkinKey(heldAt, _id), createdAt: ctx.now, updatedAt: ctx.now
  }
}

/**
 * Records a check-in of the caller's group (its liaison or a core member): the attendees
 * must be members of the group, the text passes the content check, the photos come from
 * `activity.uploadTicket`. The id is made from the request, so a retry (or the same
 * request sent at once from a device queue) writes nothing more and answers the check-in
 * as it is. The check-in and its attendees' entries are one batch write. Listed members
 * are asked to confirm by the `remindCheckins` timer. Four requests at most with the
 * caller: the attendees, the write, and for a retry the check-in as stored.
 */
export const record = defineAction({
  contract: activityActions.record,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    heldAtOf(input, ctx.now)
    const ids = [...new Set(input.attendeeIds)]
    const [group, people, { held, urls }] = await Promise.all([
      loadGroup(ctx, input.groupId), attendeesOf(input.groupId, ids), screen(input, ctx.caller.openid)
    ])
    const checkin = checkinOf(input, ctx, group.name, people, held)
    try {
      await database().collection(A.checkins).add([checkin, ...checkin.attendeeIds.map((id) => entryOf(id, checkin))])
      return checkinViewOf(checkin, urls, ctx.person()._id)
    } catch (e) {
      if (!isDuplicateWrite(e)) throw e
      const made = await findCheckin(checkin._id)
      if (!made) throw e
      return checkinViewOf(made, urls, ctx.person()._id)
    }
  }
})
