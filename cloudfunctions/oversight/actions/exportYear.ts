import { oversightActions } from '../../../types/actions/oversight'
import { defineAction } from '../../common/dispatcher'
import { precondition } from '../../common/errors'

export const exportYear = defineAction({
  contract: oversightActions.exportYear,
  handler: async () => {
    throw precondition('此功能尚在建设中')
  }
})
