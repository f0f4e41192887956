import { cultivationActions } from '../../../types/actions/cultivation'
import { database } from '../../common/app'
import { isDuplicateWrite } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { invalid, notFound, precondition } from '../../common/errors'
import { C, PersonDoc } from '../../common/model'
import { isCultivated } from '../file'
import { loadPeople } from '../load'
import { CultivationDoc, CV } from '../model'

/** The chosen contact, checked to be a person of `kind`; null clears the contact. */
function contactOf(people: Map<string, { person: PersonDoc }>, id: string | null, kind: PersonDoc['kind'], what: string): PersonDoc | null {
  if (id === null) return null
  const p = people.get(id)?.person
  if (!p) throw notFound(what)
  if (p.kind !== kind) throw invalid(kind === 'teacher' ? '学校联系人应为教师' : '单位联系人应为实习单位的带教老师党员')
  return p
}

/**
 * The branch names a person's school contact (a teacher) and unit contact (a unit contact,
 * usually one of their group's), or clears one with null. The person must be an activist
 * or probationary member; their cultivation file is made on the first assignment. The
 * person is marked when both contacts are named, for the list of those still without.
 * Four requests with the caller: the person and contacts, the file, the mark.
 */
export const assignContacts = defineAction({
  contract: cultivationActions.assignContacts,
  handler: async (input, ctx) => {
    const ids = [input.personId, input.schoolContactId, input.unitContactId].filter((x): x is string => x !== null)
    const loaded = await loadPeople(ids)
    const l = loaded.get(input.personId)
    if (!l || l.person.kind !== 'student') throw notFound('该同学')
    if (!isCultivated(l)) throw precondition('只有入党积极分子和预备党员需要指定培养联系人')
    const school = contactOf(loaded, input.schoolContactId, 'teacher', '所选教师')
    const unit = contactOf(loaded, input.unitContactId, 'unitContact', '所选带教老师')
    const db = database()
    const p = l.person
    const fields = {
      name: p.name, no: p.no, year: p.year, groupId: p.groupId,
      schoolContactId: school?._id ?? null, schoolContactName: school?.name ?? null,
      unitContactId: unit?._id ?? null, unitContactName: unit?.name ?? null,
      updatedAt: ctx.now
    }
    if (l.cultivation) {
      await db.collection(CV.cultivations).doc(p._id).update(fields)
    } else {
      const doc: CultivationDoc = { _id: p._id, personId: p._id, ...fields, reviews: [], lastReviewOn: null, counts: { school: 0, unit: 0 }, counted: [], createdAt: ctx.now }
      try {
        await db.collection(CV.cultivations).add(doc)
      } catch (e) {
        if (!isDuplicateWrite(e)) throw e
        // Made meanwhile by another assignment: this one still applies, last.
        await db.collection(CV.cultivations).doc(p._id).update(fields)
      }
    }
    const complete = school !== null && unit !== null
    if ((p.contactsAssigned === true) !== complete) {
      await db.collection(C.people).doc(p._id).update({ contactsAssigned: complete ? true : null })
    }
    return {
      personId: p._id,
      contacts: {
        school: school && { id: school._id, name: school.name },
        unit: unit && { id: unit._id, name: unit.name }
      }
    }
  }
})
