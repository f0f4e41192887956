import { oversightActions } from '../../../types/actions/oversight'
import { defineAction } from '../../common/dispatcher'
import { precondition } from '../../common/errors'

export const alerts = defineAction({
  contract: oversightActions.alerts,
  handler: async () => {
    throw precondition('此功能尚在建设中')
  }
})
