import { userActions } from '../../../types/actions/user'
import { defineAction } from '../../common/dispatcher'
import { branchHome, homeKindOf, internHome, staffHome } from '../home'
import { meView } from '../view'

/**
 * The app's first screen in one call, for every caller: `me` as `user.me` gives it, and
 * the home of their kind. Database requests: the caller load, then none (unbound, unit
 * contacts), one (students; teachers, an index count of their open questions) or three (the branch).
 */
export const home = defineAction({
  contract: userActions.home,
  handler: async (input, ctx) => {
    const kind = homeKindOf(ctx.caller)
    const view = kind === 'unbound' ? { view: kind }
      : kind === 'branch' ? await branchHome(input.year)
        : kind === 'staff' ? await staffHome(ctx.caller)
          : await internHome(ctx.caller)
    return { me: meView(ctx.caller), home: view }
  }
})
