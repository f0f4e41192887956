import type { userActions } from '../../types/actions/user'
import type { DomainRegistry } from '../common/dispatcher'
import { bind } from './actions/bind'
import { createInvite } from './actions/createInvite'
import { home } from './actions/home'
import { inviteUnits } from './actions/inviteUnits'
import { listInvites } from './actions/listInvites'
import { me } from './actions/me'
import { redeemInvite } from './actions/redeemInvite'
import { revokeInvite } from './actions/revokeInvite'
import { unbind } from './actions/unbind'

/** `user`: sign-in and binding of a WeChat account to a person. */
export const registry = { home, me, bind, redeemInvite, createInvite, listInvites, revokeInvite, inviteUnits, unbind } satisfies DomainRegistry<typeof userActions>
