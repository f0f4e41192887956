import { volunteerActions } from '../../../types/actions/volunteer'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { settleCounters } from '../counters'
import { findRecord } from '../records'
import { linkRefusal, openToken } from '../link'
import { V, VolunteerDoc } from '../model'

/**
 * The unit contact verifies (or returns) the record a link names, without an account.
 * The token must be genuine and unexpired; then one conditional write — the record still
 * pending and the link's nonce not used on it — records the verification and the link as
 * used together, so a link works once and only on its record. A refused link changes
 * nothing (but finishes moving the hours of a verification whose try died). Three
 * requests without a caller load; the secret is kept by a warm instance.
 */
export const verifyByLink = defineAction({
  contract: volunteerActions.verifyByLink,
  handler: async (input, ctx) => {
    const link = await openToken(input.token, ctx.now)
    const _ = database().command
    const { doc } = await database().collection(V.records)
      .where({ _id: link.recordId, state: 'pending', usedLinks: _.neq(link.nonce) })
      .updateAndReturn({
        state: input.approve ? 'verified' : 'rejected',
        verifiedBy: { name: input.verifierName, role: '带教老师', via: 'link', personId: null },
        verifiedAt: ctx.now,
        rejectReason: input.approve ? null : input.reason?.trim() || '带教老师未予核实',
        pendingGroup: null,
        usedLinks: _.push([link.nonce]),
        settled: false,
        updatedAt: ctx.now
      }) as { doc: VolunteerDoc | null }
    if (!doc) {
      const record = await findRecord(link.recordId)
      // A try that died before the hours moved is finished by the link sent again.
      if (record) await settleCounters(record, ctx.now)
      throw linkRefusal(record, link) ?? new Error('verification link wrote nothing')
    }
    await settleCounters(doc, ctx.now)
    return { state: doc.state }
  }
})
