import type { cultivationActions } from '../../types/actions/cultivation'
import type { DomainRegistry } from '../common/dispatcher'
import { assignContacts } from './actions/assignContacts'
import { get } from './actions/get'
import { list } from './actions/list'
import { myOutcomes } from './actions/myOutcomes'
import { observe } from './actions/observe'
import { recordReview } from './actions/recordReview'

/** `cultivation`: dual contacts, dual cultivation — contacts, observations, reviews and their outcomes. */
export const registry = {
  assignContacts, list, get, observe, recordReview, myOutcomes
} satisfies DomainRegistry<typeof cultivationActions>
