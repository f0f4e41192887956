import { oversightActions } from '../../../types/actions/oversight'
import { defineAction } from '../../common/dispatcher'
import { precondition } from '../../common/errors'

export const dashboard = defineAction({
  contract: oversightActions.dashboard,
  handler: async () => {
    throw precondition('此功能尚在建设中')
  }
})
