import { userActions } from '../../../types/actions/user'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { invalid, notFound } from '../../common/errors'
import { C, PersonDoc, UnitDoc } from '../../common/model'
import { newPerson } from '../../common/people'
import { newInvite, staffNo } from '../invites'

/** Creates (or re-invites) a teacher, unit contact or staff member and an invite code for them. */
export const createInvite = defineAction({
  contract: userActions.createInvite,
  handler: async (input, ctx) => {
    const db = database()
    const now = ctx.now
    const kind = input.kind
    let personId = input.personId
    if (personId) {
      const p = (await db.collection(C.people).doc(personId).get()).data[0] as PersonDoc | undefined
      if (!p) throw notFound('该人员')
      if (p.kind !== kind) throw invalid('人员类型与邀请类型不一致')
    } else {
      let unitFields: Partial<PersonDoc> = {}
      if (kind === 'unitContact') {
        if (!input.unitId) throw invalid('带教老师需指定实习单位')
        const unit = (await db.collection(C.units).doc(input.unitId).get()).data[0] as UnitDoc | undefined
        if (!unit) throw notFound('实习单位')
        unitFields = { unitId: unit._id, unitName: unit.name, province: unit.province, city: unit.city }
      }
      const { id } = await db.collection(C.people).add(newPerson({
        no: staffNo(kind, now), kind, name: input.name, phone: input.phone ?? null, admin: kind === 'staff' ? true : input.admin, ...unitFields
      }, now))
      personId = id as string
    }
    const invite = newInvite(personId, kind, now)
    await db.collection(C.invites).add(invite)
    return { code: invite._id, personId, expiresAt: invite.expiresAt.toISOString() }
  }
})
