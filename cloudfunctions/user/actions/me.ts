import { userActions } from '../../../types/actions/user'
import { defineAction } from '../../common/dispatcher'
import { meView } from '../view'

export const me = defineAction({
  contract: userActions.me,
  handler: async (_input, ctx) => meView(ctx.caller)
})
