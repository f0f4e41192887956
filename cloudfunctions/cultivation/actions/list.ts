import type { z } from 'zod'
import { CULTIVATED_STATUSES, cultivationActions, listScope } from '../../../types/actions/cultivation'
import { internshipYearOf } from '../../../types/domain'
import { database } from '../../common/app'
import { chinaDay } from '../../common/chinaTime'
import { Keyset, keysetPage } from '../../common/db'
import { ActionContext, defineAction } from '../../common/dispatcher'
import { denied, invalid } from '../../common/errors'
import { C } from '../../common/model'
import { rowOf } from '../file'
import { loadPeople } from '../load'
import { CV } from '../model'

type Scope = z.infer<typeof listScope>
type ListInput = z.output<typeof cultivationActions.list.input>

const STUDENT_NO = /^[A-Za-z0-9]{1,20}$/
/** People under cultivation, by student number: the branch's year, an advisor's groups. */
const peopleKeyset: Keyset = { list: 'cultivation', collection: C.people, field: 'no', key: STUDENT_NO }
/** A contact's people, by student number (kept on their cultivation). */
const contactsKeyset: Keyset = { list: 'cultivation-contacts', collection: CV.cultivations, field: 'no', key: STUDENT_NO }

/** The lists the caller may read: the branch all of a year, a teacher the groups they advise, a teacher or unit contact the people they are contact of. */
function scopesOf(ctx: ActionContext): Scope[] {
  const scopes: Scope[] = []
  if (ctx.caller.roles.includes('admin')) scopes.push('all')
  const kind = ctx.caller.person?.kind
  if (kind === 'teacher' && ctx.caller.advisorOf.length) scopes.push('groups')
  if (kind === 'teacher' || kind === 'unitContact') scopes.push('contacts')
  return scopes
}

/** The people query of the branch's year or an advisor's groups (indexes `kind_1_year_1_…politicalStatus_1_no_1`, `kind_1_groupId_1_politicalStatus_1_no_1`). */
function peopleWhere(scope: 'all' | 'groups', input: ListInput, ctx: ActionContext, year: string): Record<string, unknown> {
  const _ = database().command
  const statuses = input.status ? [input.status] : [...CULTIVATED_STATUSES]
  const where: Record<string, unknown> = { kind: 'student', politicalStatus: _.in(statuses) }
  if (scope === 'all') {
    where.year = year
    if (input.groupId) where.groupId = input.groupId
  } else {
    if (input.groupId && !ctx.caller.advisorOf.includes(input.groupId)) throw denied('只能查看自己指导的党小组')
    where.groupId = _.in(input.groupId ? [input.groupId] : ctx.caller.advisorOf)
  }
  // Marked by assignContacts when both are named; a missing mark reads as null.
  if (input.withoutContacts) where.contactsAssigned = null
  return where
}

/**
 * 培养考察: the people under cultivation a page at a time, by student number — for the
 * branch all of a year (by status, group, or those still without both contacts), for an
 * advisor the people of their groups, for a contact the people they contact — each with
 * their contacts, the review due next and the observations on each side. Three requests
 * with the caller (the page, then its people with their files, groups and the cadences in
 * one aggregation), four with the count.
 */
export const list = defineAction({
  contract: cultivationActions.list,
  handler: async (input, ctx) => {
    const scopes = scopesOf(ctx)
    const scope = input.scope ?? scopes[0]
    if (!scope || !scopes.includes(scope)) throw denied('没有可查看的培养考察名单')
    const year = scope === 'all' ? input.year ?? internshipYearOf(chinaDay(ctx.now)) : null
    const db = database()
    let reading: Promise<{ docs: { _id: string }[]; nextCursor: string | null }>
    let counting: Promise<{ total: number }>
    if (scope === 'contacts') {
      if (input.status || input.groupId || input.withoutContacts) throw invalid('查看“我联系的”同志时不能再筛选')
      const me = ctx.person()
      const where = me.kind === 'teacher' ? { schoolContactId: me._id } : { unitContactId: me._id }
      // (a bad cursor is refused here, before any request)
      reading = keysetPage(contactsKeyset, input, [{ where }], { _id: true })
      counting = db.collection(CV.cultivations).where(where).count()
    } else {
      const where = peopleWhere(scope, input, ctx, year!)
      reading = keysetPage(peopleKeyset, input, [{ where }], { _id: true })
      counting = db.collection(C.people).where(where).count()
    }
    const [page, { total }] = await Promise.all([reading, counting])
    const ids = page.docs.map((d) => d._id)
    const loaded = await loadPeople(ids)
    const items = ids.flatMap((id) => {
      const l = loaded.get(id)
      return l ? [rowOf(l, ctx.now)] : []
    })
    return { items, nextCursor: page.nextCursor, total, scope, scopes, year }
  }
})
