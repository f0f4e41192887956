import { talkActions } from '../../../types/actions/talk'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { notFound, precondition } from '../../common/errors'
import { readsTalk } from '../access'
import { T } from '../model'
import { findTalk } from '../talks'
import { talkViewOf } from '../views'

/**
 * Marks a talk's follow-up done (or not done again), for those who read the talk. Marking
 * it as it already is writes nothing, so a repeated tap is harmless. Three requests with
 * the caller (two when nothing changes).
 */
export const setFollowUpDone = defineAction({
  contract: talkActions.setFollowUpDone,
  handler: async (input, ctx) => {
    const talk = await findTalk(input.talkId)
    if (!talk || !readsTalk(ctx.caller, talk)) throw notFound('谈话记录')
    if (!talk.followUp) throw precondition('这次谈话没有跟进事项')
    if (talk.followUpDone === input.done) return talkViewOf(talk)
    const change = { followUpDone: input.done, followUpDoneAt: input.done ? ctx.now : null, updatedAt: ctx.now }
    await database().collection(T.talks).doc(talk._id).update(change)
    return talkViewOf({ ...talk, ...change })
  }
})
