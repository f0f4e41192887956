import { oversightActions } from '../../../types/actions/oversight'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { CADENCES_ID, CadencesDoc, O } from '../model'

/**
 * Replaces the branch's cadences (validated by the contract: bounds, ascending silence
 * thresholds no shorter than the meeting cadence). The next run of the daily job raises
 * alerts by them. Two requests: the caller, the write.
 */
export const saveSettings = defineAction({
  contract: oversightActions.saveSettings,
  handler: async (input, ctx) => {
    const me = ctx.person()
    const doc: Omit<CadencesDoc, '_id'> = { ...input.cadences, updatedAt: ctx.now, updatedById: me._id, updatedBy: me.name }
    await database().collection(O.settings).doc(CADENCES_ID).set(doc)
    return { cadences: input.cadences, updatedAt: ctx.now.toISOString(), updatedBy: me.name }
  }
})
