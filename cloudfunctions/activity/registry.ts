import type { activityActions } from '../../types/actions/activity'
import type { DomainRegistry } from '../common/dispatcher'
import { confirm } from './actions/confirm'
import { decide } from './actions/decide'
import { exportLedger } from './actions/exportLedger'
import { get } from './actions/get'
import { ledger } from './actions/ledger'
import { list } from './actions/list'
import { mine } from './actions/mine'
import { record } from './actions/record'
import { requestJoin } from './actions/requestJoin'
import { subscribe } from './actions/subscribe'
import { uploadTicket } from './actions/uploadTicket'

/** `activity`: a group's activity check-ins, from recording one to its members' confirmations, and its work ledger. */
export const registry = {
  record, list, mine, get, confirm, requestJoin, decide, uploadTicket, subscribe, ledger, exportLedger
} satisfies DomainRegistry<typeof activityActions>
