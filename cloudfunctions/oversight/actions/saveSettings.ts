import { oversightActions } from '../../../types/actions/oversight'
import { defineAction } from '../../common/dispatcher'
import { precondition } from '../../common/errors'

export const saveSettings = defineAction({
  contract: oversightActions.saveSettings,
  handler: async () => {
    throw precondition('此功能尚在建设中')
  }
})
