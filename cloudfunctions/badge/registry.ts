import type { badgeActions } from '../../types/actions/badge'
import type { DomainRegistry } from '../common/dispatcher'
import { get } from './actions/get'
import { verify } from './actions/verify'

/** `badge`: the identity badge "争先锋 作表率" and its verification. */
export const registry = { get, verify } satisfies DomainRegistry<typeof badgeActions>
