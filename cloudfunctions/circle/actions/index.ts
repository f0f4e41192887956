import { contract } from '../../../types/contract'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { conflict, invalid, notFound, precondition } from '../../common/errors'
import { C, PersonDoc } from '../../common/model'
import { isOrdinary, isParty } from '../../common/people'
import { mentorOf } from '../../common/views'
import { autoAssign as assignCircles, coverageOf, MENTEES_MAX, validCircles } from '../circles'
import { groupWithMembers, saveCircles } from '../load'

const retryLater = () => conflict('联系圈刚刚被其他人修改，请刷新后重试')

/** Assigns every ordinary student of a group a Party member. At most four requests. */
export const autoAssign = defineAction({
  contract: contract.circle.autoAssign,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const { group, members } = await groupWithMembers(ctx, input.groupId)
    const { circles, unassigned } = assignCircles(members, group.circles ?? {})
    if (!(await saveCircles(group, circles, ctx.now))) throw retryLater()
    const coverage = coverageOf(members, circles)
    return { assigned: coverage.withMentor, unassigned: unassigned.length, coverage }
  }
})

/** Sets (or clears) one ordinary student's mentor. Four requests. */
export const setMentor = defineAction({
  contract: contract.circle.setMentor,
  handler: async (input, ctx) => {
    const db = database()
    const ids = [input.studentId, ...(input.mentorId ? [input.mentorId] : [])]
    const { data } = await db.collection(C.people).where({ _id: db.command.in(ids) })
      .field({ no: true, name: true, kind: true, politicalStatus: true, groupId: true }).limit(2).get()
    const found = new Map((data as PersonDoc[]).map((p) => [p._id, p]))
    const student = found.get(input.studentId)
    if (!student) throw notFound('该同学')
    ctx.authorizeGroup(student.groupId)
    if (!student.groupId) throw precondition(`${student.name}尚未加入党小组`)
    if (!isOrdinary(student)) throw invalid(`${student.name}是党员，不在“1+10”联系对象之列`)
    const mentor = input.mentorId ? found.get(input.mentorId) : null
    if (input.mentorId && !mentor) throw notFound('联系党员')
    if (mentor && (!isParty(mentor) || mentor.groupId !== student.groupId)) throw invalid(`${mentor.name}不是本党小组的党员`)
    const { group, members } = await groupWithMembers(ctx, student.groupId!)
    const circles = validCircles(members, group.circles ?? {})
    const old = mentorOf({ circles }, student._id)
    if (old) circles[old] = circles[old].filter((id) => id !== student._id)
    if (mentor) {
      const list = circles[mentor._id] ?? []
      if (list.length >= MENTEES_MAX) throw invalid(`${mentor.name}已联系${MENTEES_MAX}名同学，请选择其他党员`)
      circles[mentor._id] = [...list, student._id]
    }
    if (!(await saveCircles(group, circles, ctx.now))) throw retryLater()
    return { studentId: student._id, mentorId: mentor?._id ?? null }
  }
})

/** A group's circles with names, and who has no mentor yet. Three requests. */
export const list = defineAction({
  contract: contract.circle.list,
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

/**
 * Coverage: ordinary students with a mentor / all ordinary students in groups, for one
 * group or the whole branch. Three requests either way.
 */
export const coverage = defineAction({
  contract: contract.circle.coverage,
  handler: async (input, ctx) => {
    if (input.groupId) {
      const { group, members } = await groupWithMembers(ctx, input.groupId)
      return coverageOf(members, group.circles ?? {})
    }
    const db = database()
    const _ = db.command
    const $ = _.aggregate
    const { total: ordinary } = await db.collection(C.people)
      .where({ kind: 'student', groupId: _.neq(null), politicalStatus: _.nin(['member', 'probationary']) }).count()
    const { data } = await db.collection(C.groups).aggregate()
      .project({ n: $.sum($.map({ input: $.objectToArray('$circles'), as: 'c', in: $.size('$$c.v') })) })
      .group({ _id: null, withMentor: $.sum('$n') })
      .limit(1)
      .end()
    const withMentor = (data[0] as { withMentor?: number } | undefined)?.withMentor ?? 0
    return { withMentor, ordinary, ratio: ordinary ? Math.round((withMentor / ordinary) * 10000) / 10000 : 1 }
  }
})
