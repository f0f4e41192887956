import { userActions } from '../../../types/actions/user'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { AppError, conflict } from '../../common/errors'
import { BindingDoc, C, PersonDoc } from '../../common/model'
import { meView } from '../view'
import { callerOf } from '../../common/caller'

/** Failed attempts allowed per window before the account is locked for a while. */
export const BIND_MAX_FAILURES = 5
export const BIND_WINDOW_MS = 15 * 60 * 1000
export const BIND_LOCK_MS = 15 * 60 * 1000

/**
 * Binds the caller's WeChat account to their roster entry. Four database requests: the
 * caller, the attempt record, claiming the roster entry (lookup and claim in one
 * conditional update), and recording the binding.
 */
export const bind = defineAction({
  contract: userActions.bind,
  handler: async (input, ctx) => {
    const db = database()
    const openid = ctx.caller.openid!
    const now = ctx.now
    const { data: existing } = await db.collection(C.bindings).doc(openid).get()
    const state = (existing[0] as BindingDoc | undefined) ?? null
    if (state?.lockedUntil && new Date(state.lockedUntil) > now) {
      const minutes = Math.ceil((new Date(state.lockedUntil).getTime() - now.getTime()) / 60000)
      throw new AppError('RATE_LIMITED', `尝试次数过多，请${minutes}分钟后再试`)
    }

    const claimed = await db.collection(C.people)
      .where({ no: input.studentNo, name: input.name, kind: 'student', openid: null })
      .updateAndReturn({ openid, boundAt: now, updatedAt: now })
    const person = claimed.doc as PersonDoc | null

    if (!person) {
      const inWindow = state?.windowStart && now.getTime() - new Date(state.windowStart).getTime() < BIND_WINDOW_MS
      const failures = (inWindow ? state!.failures ?? 0 : 0) + 1
      const record = {
        personId: null,
        failures,
        windowStart: inWindow ? new Date(state!.windowStart!) : now,
        lockedUntil: failures >= BIND_MAX_FAILURES ? new Date(now.getTime() + BIND_LOCK_MS) : null
      }
      await db.collection(C.bindings).doc(openid).set(record)
      const left = BIND_MAX_FAILURES - failures
      throw new AppError('INVALID_ARGUMENT',
        `学号或姓名不正确，或该学号已绑定其他微信（如需更换请联系党总支）。${left > 0 ? `还可尝试${left}次` : '请15分钟后再试'}`)
    }

    // Record the binding; a concurrent bind of the same WeChat account to someone else loses.
    try {
      if (state) {
        const { updated } = await db.collection(C.bindings).where({ _id: openid, personId: null })
          .update({ personId: person._id, boundAt: now, failures: 0, lockedUntil: null })
        if (!updated) throw conflict('该微信已绑定其他身份')
      } else {
        await db.collection(C.bindings).add({ _id: openid, personId: person._id, boundAt: now })
      }
    } catch (e) {
      await db.collection(C.people).doc(person._id).update({ openid: null, boundAt: null })
      if (e instanceof AppError) throw e
      throw conflict('该微信已绑定其他身份')
    }
    return meView(callerOf(openid, person, null, [], []))
  }
})
