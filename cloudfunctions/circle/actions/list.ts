import { circleActions } from '../../../types/actions/circle'
import { defineAction } from '../../common/dispatcher'
import { isOrdinary } from '../../common/people'
import { coverageOf, validCircles } from '../circles'
import { groupWithMembers } from '../load'

/** A group's circles with names, and who has no mentor yet. Three requests. */
export const list = defineAction({
  contract: circleActions.list,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const { group, members } = await groupWithMembers(ctx, input.groupId)
    const circles = validCircles(members, group.circles ?? {})
    const byId = new Map(members.map((m) => [m._id, m]))
    const ref = (id: string) => ({ id, name: byId.get(id)!.name })
    const assigned = new Set(Object.values(circles).flat())
    return {
      circles: Object.entries(circles).map(([mentor, mentees]) => ({ mentor: ref(mentor), mentees: mentees.map(ref) })),
      withoutMentor: members.filter((m) => isOrdinary(m) && !assigned.has(m._id)).map((m) => ref(m._id)),
      coverage: coverageOf(members, circles)
    }
  }
})
