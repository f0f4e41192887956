import { contract } from '../../../types/contract'
import { defineAction } from '../../common/dispatcher'
import { meView } from '../view'

export const me = defineAction({
  contract: contract.user.me,
  handler: async (_input, ctx) => meView(ctx.caller)
})
