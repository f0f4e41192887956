import type { questionActions } from '../../types/actions/question'
import type { DomainRegistry } from '../common/dispatcher'
import { advisors } from './actions/advisors'
import { answer } from './actions/answer'
import { ask } from './actions/ask'
import { get } from './actions/get'
import { groupFeed } from './actions/groupFeed'
import { inbox } from './actions/inbox'
import { mine } from './actions/mine'
import { subscribe } from './actions/subscribe'

/** `question`: questions to advisors, from asking to the answer and the group's shared answers. */
export const registry = {
  ask, advisors, mine, inbox, answer, get, groupFeed, subscribe
} satisfies DomainRegistry<typeof questionActions>
