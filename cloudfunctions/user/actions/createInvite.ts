import { contract } from '../../../types/contract'
import { database } from '../../common/app'
import { randomCode } from '../../common/codes'
import { defineAction } from '../../common/dispatcher'
import { invalid, notFound } from '../../common/errors'
import { C, PersonDoc, PersonKind } from '../../common/model'
import { newPerson } from '../../common/people'

export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000

/** Creates (or re-invites) a teacher, unit contact or staff member and an invite code for them. */
export const createInvite = defineAction({
  contract: contract.user.createInvite,
  handler: async (input, ctx) => {
    const db = database()
    const now = ctx.now
    const kind: PersonKind = input.kind
    let personId = input.personId
    if (personId) {
      const { data } = await db.collection(C.people).doc(personId).get()
      const p = data[0] as PersonDoc | undefined
      if (!p) throw notFound('该人员')
      if (p.kind !== kind) throw invalid('人员类型与邀请类型不一致')
    } else {
      let unitFields: Partial<PersonDoc> = {}
      if (kind === 'unitContact') {
        if (!input.unitId) throw invalid('带教老师需指定实习单位')
        const { data } = await db.collection(C.units).doc(input.unitId).get()
        const unit = data[0]
        if (!unit) throw notFound('实习单位')
        unitFields = { unitId: unit._id, unitName: unit.name, province: unit.province, city: unit.city }
      }
      const no = `${kind === 'teacher' ? 'T' : kind === 'unitContact' ? 'U' : 'S'}${now.getTime().toString(36).toUpperCase()}${randomCode(4)}`
      const { id } = await db.collection(C.people).add(newPerson({
        no, kind, name: input.name, phone: input.phone ?? null, admin: kind === 'staff' ? true : input.admin, ...unitFields
      }, now))
      personId = id as string
    }
    const code = randomCode(8)
    const expiresAt = new Date(now.getTime() + INVITE_TTL_MS)
    await db.collection(C.invites).add({ _id: code, personId, kind, expiresAt, usedAt: null, createdAt: now })
    return { code, personId, expiresAt: expiresAt.toISOString() }
  }
})
