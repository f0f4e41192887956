import { DEFAULT_CADENCES, oversightActions } from '../../../types/actions/oversight'
import { defineAction } from '../../common/dispatcher'
import { readSettings } from '../settings'

/** The branch's cadences (the defaults until it changes them). Two requests: the caller, the settings. */
export const settings = defineAction({
  contract: oversightActions.settings,
  handler: async () => {
    const { cadences, stored } = await readSettings()
    return {
      cadences,
      defaults: DEFAULT_CADENCES,
      updatedAt: stored?.updatedAt ? new Date(stored.updatedAt).toISOString() : null,
      updatedBy: stored?.updatedBy ?? null
    }
  }
})
