import { lessonActions } from '../../../types/actions/lesson'
import { readByIds } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { invalid } from '../../common/errors'
import { membersOf } from '../../common/groups'
import { loadLesson } from '../lessons'
import { L, ReadDoc, readId } from '../model'

/**
 * Members of a group the lesson went to who have not read it, in student-number order:
 * for the branch, the group's advisors and its liaison. Four requests with the caller.
 */
export const unread = defineAction({
  contract: lessonActions.unread,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const [lesson, members] = await Promise.all([loadLesson(input.lessonId), membersOf(input.groupId, ['name'])])
    if (!lesson.audience.includes(input.groupId)) throw invalid('这节微党课没有推送给该党小组')
    const reads = members.length ? await readByIds<Pick<ReadDoc, 'personId'>>(L.reads, members.map((m) => readId(lesson._id, m._id)), { personId: true }) : []
    const done = new Set(reads.map((r) => r.personId))
    return { people: members.filter((m) => !done.has(m._id)).map((m) => ({ id: m._id, name: m.name })) }
  }
})
