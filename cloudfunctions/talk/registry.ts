import type { talkActions } from '../../types/actions/talk'
import type { DomainRegistry } from '../common/dispatcher'
import { coverage } from './actions/coverage'
import { forStudent } from './actions/forStudent'
import { get } from './actions/get'
import { list } from './actions/list'
import { record } from './actions/record'
import { setFollowUpDone } from './actions/setFollowUpDone'

/** `talk`: heart-to-heart talks, from recording one to a group's coverage in a term. */
export const registry = {
  record, list, forStudent, get, setFollowUpDone, coverage
} satisfies DomainRegistry<typeof talkActions>
