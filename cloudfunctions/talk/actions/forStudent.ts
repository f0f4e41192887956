import { talkActions } from '../../../types/actions/talk'
import { database } from '../../common/app'
import { Keyset, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { notFound } from '../../common/errors'
import { C, PersonDoc } from '../../common/model'
import { readsAllOf } from '../access'
import { T, TALK_KEY } from '../model'
import { ITEM_FIELDS, TalkItemDoc, talkItemOf } from '../views'

const studentKeyset: Keyset = { list: 'talk.forStudent', collection: T.talks, field: 'key', key: TALK_KEY }

/** The student's name: a member of the group now, or named by the talks shown. One request. */
async function studentName(studentId: string): Promise<Pick<PersonDoc, '_id' | 'name' | 'kind' | 'groupId'> | null> {
  const { data } = await database().collection(C.people).doc(studentId).field({ name: true, kind: true, groupId: true }).get()
  return (data[0] as Pick<PersonDoc, '_id' | 'name' | 'kind' | 'groupId'> | undefined) ?? null
}

/**
 * One student's talks recorded in the group, latest first, a page at a time, with the
 * same visibility as the group's list: all of them for its advisors and the branch, only
 * their own for its liaison. A student neither in the group now nor named by a talk shown
 * is not found. Four requests with the caller (the page, the count, the student).
 */
export const forStudent = defineAction({
  contract: talkActions.forStudent,
  group: (input) => input.groupId,
  handler: async (input, ctx) => {
    const base = { groupId: input.groupId, studentId: input.studentId }
    const where = readsAllOf(ctx.caller, input.groupId) ? base : { ...base, recorderId: ctx.person()._id }
    const [page, counted, person] = await Promise.all([
      keysetPage<TalkItemDoc>(studentKeyset, input, [{ where }], ITEM_FIELDS),
      database().collection(T.talks).where(where).count(),
      studentName(input.studentId)
    ])
    const member = person?.kind === 'student' && person.groupId === input.groupId ? person.name : null
    const name = member ?? page.docs[0]?.studentName
    if (!name) throw notFound('这位同学')
    return { items: page.docs.map(talkItemOf), nextCursor: page.nextCursor, total: counted.total, student: { id: input.studentId, name } }
  }
})
