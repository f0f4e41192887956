import { userActions } from '../../../types/actions/user'
import { callerOf } from '../../common/caller'
import { defineAction } from '../../common/dispatcher'
import { invalid } from '../../common/errors'
import { reserveAttempt } from '../attempts'
import { claimPerson, recordBinding } from '../binding'
import { meView } from '../view'

/**
 * Binds the caller's WeChat account to their roster entry by student number and name.
 * The attempt takes its slot first (attempts.ts), then the roster entry is looked up and
 * claimed in one conditional update, then the binding is recorded: four database
 * requests with the caller on an account's first attempt, five on a later one.
 */
export const bind = defineAction({
  contract: userActions.bind,
  handler: async (input, ctx) => {
    const openid = ctx.caller.openid!
    const slot = await reserveAttempt('bind', openid, ctx.now)
    const person = await claimPerson({ no: input.studentNo, name: input.name, kind: 'student' }, openid, ctx.now)
    if (!person) {
      // The same answer whether the number exists or not, and whether it is bound already.
      throw invalid(`学号或姓名不正确，或该学号已绑定其他微信（如需更换请联系党总支）。${slot.left > 0 ? `还可尝试${slot.left}次` : `请${slot.minutesToWait}分钟后再试`}`)
    }
    await recordBinding(openid, person, ctx.now)
    return meView(callerOf(openid, person, null, [], []))
  }
})
