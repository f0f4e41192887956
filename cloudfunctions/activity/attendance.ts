/**
 * Moving one person's attendance on a check-in: one conditional write that changes their
 * state only from the state expected and moves the counts with it (`_.inc` on the same
 * document), so concurrent confirmations and retries count each person once. When the
 * write changes nothing, the check-in as stored says why (answered by the caller).
 */
import { database } from '../common/app'
import type { AttendanceState, CheckinCounts, CheckinDoc } from './model'
import { A, attendancePath } from './model'

/** What a change of state does to the counts. */
function countMoves(from: AttendanceState | null, to: AttendanceState, inc: (n: number) => unknown): Record<string, unknown> {
  const moves: Record<string, number> = {}
  const counted = (s: AttendanceState | null): s is keyof CheckinCounts => s === 'listed' || s === 'confirmed' || s === 'requested'
  if (counted(from)) moves[from] = (moves[from] ?? 0) - 1
  if (counted(to)) moves[to] = (moves[to] ?? 0) + 1
  return Object.fromEntries(Object.entries(moves).filter(([, n]) => n !== 0).map(([k, n]) => [`counts.${k}`, inc(n)]))
}

export interface Move {
  checkinId: string
  personId: string
  /** the state the person must be in (null: no entry yet) */
  from: AttendanceState | null
  to: AttendanceState
  /** the person's name, for a new entry */
  name?: string
  /** further conditions on the check-in */
  where?: Record<string, unknown>
  now: Date
}

/** Applies the move if the person's state is `from`; answers the check-in as written, or null when it did not apply. One request. */
export async function moveAttendance(m: Move): Promise<CheckinDoc | null> {
  const db = database()
  const _ = db.command
  const path = attendancePath(m.personId)
  const condition = m.from === null ? { [path]: _.exists(false) } : { [`${path}.state`]: m.from }
  const change = m.from === null
    ? { [path]: { name: m.name ?? '', state: m.to }, attendeeIds: _.push([m.personId]) }
    : { [`${path}.state`]: m.to }
  const { doc } = await db.collection(A.checkins).where({ _id: m.checkinId, ...m.where, ...condition })
    .updateAndReturn({ ...change, ...countMoves(m.from, m.to, (n) => _.inc(n)), updatedAt: m.now }) as { doc: CheckinDoc | null }
  return doc
}

/** The answer of an attendance action: the person's state and the counts. */
export const answerOf = (c: CheckinDoc, personId: string): { state: AttendanceState; counts: CheckinCounts } =>
  ({ state: c.attendance[personId]!.state, counts: c.counts })
