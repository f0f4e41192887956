import { circleActions } from '../../../types/actions/circle'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { conflict, invalid, notFound, precondition } from '../../common/errors'
import { C } from '../../common/model'
import { isOrdinary, isParty } from '../../common/people'
import { mentorOf } from '../../common/views'
import { MENTEES_MAX, validCircles } from '../circles'
import { CircleMember, CIRCLES_CHANGED_MESSAGE, groupWithMembers, saveCircles } from '../load'

/** Sets (or clears) one ordinary student's mentor. Four requests. */
export const setMentor = defineAction({
  contract: circleActions.setMentor,
  handler: async (input, ctx) => {
    const db = database()
    const ids = [input.studentId, ...(input.mentorId ? [input.mentorId] : [])]
    const { data } = await db.collection(C.people).where({ _id: db.command.in(ids) })
      .field({ no: true, name: true, kind: true, politicalStatus: true, groupId: true }).limit(2).get()
    const found = new Map((data as CircleMember[]).map((p) => [p._id, p]))
    const student = found.get(input.studentId)
    if (!student) throw notFound('该同学')
    ctx.authorizeGroup(student.groupId)
    if (!student.groupId) throw precondition(`${student.name}尚未加入党小组`)
    if (!isOrdinary(student)) throw invalid(`${student.name}是党员，不在“1+10”联系对象之列`)
    const mentor = input.mentorId ? found.get(input.mentorId) : null
    if (input.mentorId && !mentor) throw notFound('联系党员')
    if (mentor && (!isParty(mentor) || mentor.groupId !== student.groupId)) throw invalid(`${mentor.name}不是本党小组的党员`)
    const { group, members } = await groupWithMembers(ctx, student.groupId)
    const circles = validCircles(members, group.circles ?? {})
    const old = mentorOf({ circles }, student._id)
    if (old) circles[old] = circles[old].filter((id) => id !== student._id)
    if (mentor) {
      const list = circles[mentor._id] ?? []
      if (list.length >= MENTEES_MAX) throw invalid(`${mentor.name}已联系${MENTEES_MAX}名同学，请选择其他党员`)
      circles[mentor._id] = [...list, student._id]
    }
    if (!(await saveCircles(group, circles, ctx.now))) throw conflict(CIRCLES_CHANGED_MESSAGE)
    return { studentId: student._id, mentorId: mentor?._id ?? null }
  }
})
