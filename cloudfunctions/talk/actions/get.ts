import { talkActions } from '../../../types/actions/talk'
import { defineAction } from '../../common/dispatcher'
import { notFound } from '../../common/errors'
import { readsTalk } from '../access'
import { findTalk } from '../talks'
import { talkViewOf } from '../views'

/**
 * One talk, for those who read it (its recorder, the advisors of its group, the branch);
 * anyone else is told it does not exist. Two requests with the caller.
 */
export const get = defineAction({
  contract: talkActions.get,
  handler: async (input, ctx) => {
    const talk = await findTalk(input.talkId)
    if (!talk || !readsTalk(ctx.caller, talk)) throw notFound('谈话记录')
    return talkViewOf(talk)
  }
})
