import type { volunteerActions } from '../../types/actions/volunteer'
import type { DomainRegistry } from '../common/dispatcher'
import { createLink } from './actions/createLink'
import { log } from './actions/log'
import { mine } from './actions/mine'
import { openLink } from './actions/openLink'
import { pending } from './actions/pending'
import { totals } from './actions/totals'
import { uploadTicket } from './actions/uploadTicket'
import { verify } from './actions/verify'
import { verifyByLink } from './actions/verifyByLink'

/** `volunteer`: volunteer service, from logging hours to their verification and the year's totals. */
export const registry = {
  log, mine, pending, verify, createLink, openLink, verifyByLink, totals, uploadTicket
} satisfies DomainRegistry<typeof volunteerActions>
