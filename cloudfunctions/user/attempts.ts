/**
 * Throttling of binding attempts per WeChat account: at most five attempts of a kind
 * (student number and name, or invite code) in any fifteen minutes. An attempt takes a
 * slot before it is tried, in one conditional write on the account's attempt record, so
 * the limit holds however many calls arrive at once and in however many instances.
 *
 * The record holds five slots, each the time it was last taken (epoch: never), oldest
 * first. A slot is free when the oldest is at least fifteen minutes old; taking it pushes
 * the current time and drops the oldest, so the check and the count are one update.
 */
import { database } from '../common/app'
import { isDuplicateWrite } from '../common/db'
import { AppError } from '../common/errors'
import { AttemptDoc, C } from '../common/model'

const ATTEMPT_LIMIT = 5
const ATTEMPT_WINDOW_MS = 15 * 60 * 1000

export type AttemptKind = 'bind' | 'invite'

const attemptId = (kind: AttemptKind, openid: string): string => `${kind}:${openid}`

/** What is left of the window once an attempt has its slot. */
export interface AttemptSlot {
  /** attempts the account may still make in the window */
  left: number
  /** minutes until the next slot frees, when none is left */
  minutesToWait: number
}

const NEVER = new Date(0)

function slotState(slots: Date[], now: Date): AttemptSlot {
  const since = now.getTime() - ATTEMPT_WINDOW_MS
  const used = slots.filter((t) => new Date(t).getTime() > since).length
  const frees = new Date(slots[0] ?? NEVER).getTime() + ATTEMPT_WINDOW_MS
  return { left: Math.max(0, ATTEMPT_LIMIT - used), minutesToWait: Math.max(1, Math.ceil((frees - now.getTime()) / 60000)) }
}

/** The account's first attempt creates its record with this attempt in it; false when the record exists. */
async function createRecord(_id: string, now: Date): Promise<boolean> {
  const slots = [...Array<Date>(ATTEMPT_LIMIT - 1).fill(NEVER), now]
  try {
    await database().collection(C.attempts).add({ _id, slots } satisfies AttemptDoc)
    return true
  } catch (e) {
    if (isDuplicateWrite(e)) return false
    throw e
  }
}

/** Takes the oldest slot when it is free; null when all five are within the window. */
async function takeSlot(_id: string, now: Date): Promise<AttemptDoc | null> {
  const db = database()
  const _ = db.command
  const { doc } = await db.collection(C.attempts)
    .where({ _id, 'slots.0': _.lte(new Date(now.getTime() - ATTEMPT_WINDOW_MS)) })
    .updateAndReturn({ slots: _.push({ each: [now], sort: 1, slice: -ATTEMPT_LIMIT }) })
  return (doc as AttemptDoc | null) ?? null
}

async function rateLimited(_id: string, now: Date): Promise<AppError> {
  const { data } = await database().collection(C.attempts).doc(_id).get()
  const record = data[0] as AttemptDoc | undefined
  const { minutesToWait } = slotState(record?.slots ?? [], now)
  return new AppError('RATE_LIMITED', `尝试次数过多，请${minutesToWait}分钟后再试`)
}

/**
 * Takes an attempt slot for `openid` before the attempt is tried, or throws RATE_LIMITED
 * with the minutes to wait. One request for an account's first attempt, two afterwards
 * (CloudBase has no conditional upsert), three when refused.
 */
export async function reserveAttempt(kind: AttemptKind, openid: string, now: Date): Promise<AttemptSlot> {
  const _id = attemptId(kind, openid)
  if (await createRecord(_id, now)) return { left: ATTEMPT_LIMIT - 1, minutesToWait: 0 }
  const record = await takeSlot(_id, now)
  if (record) return slotState(record.slots, now)
  throw await rateLimited(_id, now)
}

/** Forgets an account's attempts (when an admin releases its binding). */
export async function clearAttempts(openid: string): Promise<void> {
  const db = database()
  await db.collection(C.attempts).where({ _id: db.command.in([attemptId('bind', openid), attemptId('invite', openid)]) }).remove()
}
