import type { z } from 'zod'
import { userActions } from '../../../types/actions/user'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { conflict, invalid, notFound } from '../../common/errors'
import { C, InviteDoc, PersonDoc, UnitDoc } from '../../common/model'
import { newPerson } from '../../common/people'
import { issueInvite, newDocId, openInvite, staffNo } from '../invites'

type Input = z.output<typeof userActions.createInvite.input>

const alreadyBound = () => conflict('该人员已绑定微信；如需更换微信，请先解除绑定再生成邀请码')

/** The unit fields of a new unit contact. */
async function unitFieldsFor(input: Input): Promise<Partial<PersonDoc>> {
  if (input.kind !== 'unitContact') return {}
  if (!input.unitId) throw invalid('带教老师需指定实习单位')
  const unit = (await database().collection(C.units).doc(input.unitId).get()).data[0] as UnitDoc | undefined
  if (!unit) throw notFound('实习单位')
  return { unitId: unit._id, unitName: unit.name, province: unit.province, city: unit.city }
}

/** A new person with their first invite; the code is reserved before the person is written. */
async function inviteNewPerson(input: Input, now: Date): Promise<InviteDoc> {
  const kind = input.kind
  const unitFields = await unitFieldsFor(input)
  const personId = newDocId()
  const invite = await issueInvite(personId, kind, now)
  await database().collection(C.people).add({
    _id: personId,
    ...newPerson({ no: staffNo(kind, now), kind, name: input.name, phone: input.phone ?? null, admin: kind === 'staff' ? true : input.admin, ...unitFields }, now),
    ...openInvite(invite)
  })
  return invite
}

/** A new invite for an existing, unbound person; it replaces their open one. */
async function reinvite(personId: string, input: Input, now: Date): Promise<InviteDoc> {
  const db = database()
  const p = (await db.collection(C.people).doc(personId).get()).data[0] as PersonDoc | undefined
  if (!p) throw notFound('该人员')
  if (p.kind !== input.kind) throw invalid('人员类型与邀请类型不一致')
  // A bound person holds no open code: their code would bind nobody, or a second account.
  if (p.openid) throw alreadyBound()
  const invite = await issueInvite(personId, input.kind, now)
  const { updated } = await db.collection(C.people).where({ _id: personId, openid: null }).update({ ...openInvite(invite), updatedAt: now })
  if (!updated) throw alreadyBound()
  return invite
}

/**
 * Creates (or re-invites) a teacher, unit contact or staff member and an invite code for
 * them: at most four database requests with the caller.
 */
export const createInvite = defineAction({
  contract: userActions.createInvite,
  handler: async (input, ctx) => {
    const invite = input.personId ? await reinvite(input.personId, input, ctx.now) : await inviteNewPerson(input, ctx.now)
    return { code: invite._id, personId: invite.personId, expiresAt: invite.expiresAt.toISOString() }
  }
})
