import { get, verify } from './actions'

/** `badge`: the identity badge "争先锋 作表率" and its verification. */
export const registry = { get, verify }
