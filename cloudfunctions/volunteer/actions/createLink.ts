import { VOLUNTEER_LIMITS, volunteerActions } from '../../../types/actions/volunteer'
import { defineAction } from '../../common/dispatcher'
import { conflict, notFound } from '../../common/errors'
import { findRecord, settledMessage } from '../records'
import { issueLinkToken, linkSecret, newNonce } from '../token'

/** The H5 page a unit contact opens; the token follows. */
export const VERIFY_PAGE = '/#/packages/volunteer/pages/verify/index?token='

/**
 * A link for the unit contact to verify one of the caller's pending records without an
 * account: a token naming the record, its expiry (72 hours) and a nonce, signed. Three
 * requests with the caller (the record and the secret, which a warm instance keeps).
 */
export const createLink = defineAction({
  contract: volunteerActions.createLink,
  handler: async (input, ctx) => {
    const [record, secret] = await Promise.all([findRecord(input.recordId), linkSecret()])
    if (!record || record.personId !== ctx.person()._id) throw notFound('志愿服务记录')
    if (record.state !== 'pending') throw conflict(settledMessage(record))
    const expiresAt = new Date(Math.floor((ctx.now.getTime() + VOLUNTEER_LIMITS.linkHours * 3600_000) / 1000) * 1000)
    const token = issueLinkToken(secret, record._id, expiresAt, newNonce())
    return { token, url: `${VERIFY_PAGE}${encodeURIComponent(token)}`, expiresAt: expiresAt.toISOString() }
  }
})
