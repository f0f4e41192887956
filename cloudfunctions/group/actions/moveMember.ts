import { groupActions } from '../../../types/actions/group'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { chinaDay } from '../../common/chinaTime'
import { conflict, invalid, notFound } from '../../common/errors'
import { countsChange } from '../../common/groupCounts'
import { C, GroupDoc, PersonDoc } from '../../common/model'
import { mentorOf } from '../../common/views'

/**
 * When a move on `date` (China's day) took effect: now for today, else the start of that
 * day, but never before the person joined their present group (a move on the day of
 * joining follows the joining).
 */
function effectiveAt(date: string | undefined, now: Date, joinedAt: Date | undefined): Date {
  const today = chinaDay(now)
  const day = date ?? today
  if (day > today) throw invalid('调动日期不能晚于今天')
  const at = day === today ? now : new Date(`${day}T00:00:00+08:00`)
  if (!joinedAt) return at
  const joined = new Date(joinedAt)
  if (day < chinaDay(joined)) throw invalid(`调动日期不能早于该同学加入现在小组的日期（${chinaDay(joined)}）`)
  return at > joined ? at : new Date(joined.getTime() + 1)
}

/**
 * Moves an intern to another group (interns change hospital during the year), from today
 * or from an earlier day. The person's membership history gains an entry dated then; in
 * the old group they lose any role and leave its "1+10" circles; both groups' member
 * counts follow. Five database requests:
 * caller, the person with both groups, the person, the new group, the old group.
 */
export const moveMember = defineAction({
  contract: groupActions.moveMember,
  handler: async (input, ctx) => {
    const db = database()
    const _ = db.command
    // The person, their current group and the target group in one request. The target id
    // is user input: as $literal it stays a value, never an expression ("$groupId").
    const { data: found } = await db.collection(C.people).aggregate()
      .match({ _id: input.personId })
      .limit(1)
      .addFields({ targetGroupId: _.aggregate.literal(input.toGroupId) })
      .lookup({ from: C.groups, localField: 'groupId', foreignField: '_id', as: 'fromGroup' })
      .lookup({ from: C.groups, localField: 'targetGroupId', foreignField: '_id', as: 'toGroup' })
      .end()
    const row = found[0] as (PersonDoc & { fromGroup: GroupDoc[]; toGroup: GroupDoc[] }) | undefined
    if (!row) throw notFound('该同学')
    const { fromGroup, toGroup, ...person } = row
    if (person.kind !== 'student') throw invalid('只有学生可以调整党小组')
    if (person.groupId === input.toGroupId) throw conflict('已在该党小组中')
    const to = toGroup[0]
    if (!to) throw notFound('目标党小组')
    // Names repeat from year to year: a move stays within the person's internship year.
    if (person.year && to.year !== person.year) throw invalid(`只能调到${person.year}实习年度的党小组（所选小组属于${to.year}）`)
    const at = effectiveAt(input.date, ctx.now, person.history?.at(-1)?.at)
    const { updated } = await db.collection(C.people).where({ _id: person._id, groupId: person.groupId }).update({
      groupId: to._id,
      history: _.push({ groupId: to._id, groupName: to.name, at, reason: input.reason }),
      updatedAt: ctx.now
    })
    if (!updated) throw conflict('该同学的党小组刚刚被调整过，请刷新后重试')
    await db.collection(C.groups).doc(to._id).update({ ...countsChange(person.politicalStatus, 1), updatedAt: ctx.now })
    const from = fromGroup[0]
    if (from) {
      const changes: Record<string, unknown> = { ...countsChange(person.politicalStatus, -1), updatedAt: ctx.now, circlesVersion: _.inc(1) }
      if (from.liaisonId === person._id) Object.assign(changes, { liaisonId: null, liaisonName: null })
      if (from.coreMemberIds.includes(person._id)) changes.coreMemberIds = _.pull(person._id)
      if (from.circles[person._id]) changes[`circles.${person._id}`] = _.remove()
      const mentor = mentorOf(from, person._id)
      if (mentor) changes[`circles.${mentor}`] = _.pull(person._id)
      await db.collection(C.groups).doc(from._id).update(changes)
    }
    return { fromGroupId: person.groupId, toGroupId: to._id, movedAt: at.toISOString() }
  }
})
