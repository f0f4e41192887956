/**
 * Keeps advisors' inboxes in step with their groups' advisors. A note's inbox entries are
 * made when it is saved, for the advisors its group has then; when the branch later
 * changes a group's advisors, the `syncInbox` timer (every 10 minutes) gives each new
 * advisor an entry (unread) for every note of the group, and removes the entries of the
 * advisors no longer on it. Groups are read only; what a run last made of each group is
 * kept in `noteInboxGroups`, so a run touches only the groups whose advisors changed.
 *
 * Safe to stop anywhere: a group is marked pending before its first write and settled
 * after its last, entries are added only where missing, and removal is by a query; a run
 * stops before its deadline and the next one picks up where it stopped.
 */
import { database } from '../common/app'
import { isDuplicateWrite, readAll } from '../common/db'
import type { TimerHandler } from '../common/dispatcher'
import { C, GroupDoc } from '../common/model'
import { chunkBySize } from '../common/requestSize'
import { InboxDoc, InboxGroupDoc, J, NoteDoc } from './model'
import { inboxEntriesOf } from './notes'

/** Entries added per request at most. */
const ADD_CHUNK = 500
/** No new write starts this close to the deadline: the platform stops the run there. */
const TIME_RESERVE_MS = 5000
/**
 * A group whose record changed less than this ago is reconciled again by the next run: a
 * save that loaded the group's advisors before the change may still be writing its entries
 * (the journal function stops after 20 s; three times that leaves room for clock skew).
 */
export const SETTLE_MS = 60_000
/** Times a chunk is added again after a duplicate (a save wrote some of its entries meanwhile). */
const ADD_ATTEMPTS = 3

type GroupAdvisors = Pick<GroupDoc, '_id' | 'advisorIds' | 'updatedAt'>
/** What an entry needs of its note. */
const NOTE_FIELDS = { groupId: true, groupName: true, visibility: true, review: true, removed: true, createdAt: true }

interface Work {
  group: GroupAdvisors
  current: string[]
  record: InboxGroupDoc | null
}

const sameSet = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x) => b.includes(x))

/** The groups whose advisors differ from what the journal last made of them (two requests, more past 1000 groups). */
async function changedGroups(): Promise<Work[]> {
  const [groups, records] = await Promise.all([
    readAll<GroupAdvisors>(C.groups, {}, { advisorIds: true, updatedAt: true }),
    readAll<InboxGroupDoc>(J.inboxGroups, {})
  ])
  const recorded = new Map(records.map((r) => [r._id, r]))
  return groups.flatMap((group) => {
    const current = [...new Set(group.advisorIds ?? [])]
    const record = recorded.get(group._id) ?? null
    return !record || record.pending || !sameSet(record.advisorIds, current) ? [{ group, current, record }] : []
  })
}

/**
 * Adds the entries not already there: one request, and on a duplicate `_id` (a save wrote
 * some meanwhile) two more per attempt. A bulk add holding an existing `_id` fails: the
 * emulator then writes none of it, CloudBase may have written those before the duplicate;
 * so what exists is read, and the rest added again.
 */
async function addMissing(entries: InboxDoc[]): Promise<void> {
  const db = database()
  const inbox = db.collection(J.inbox)
  let pending = entries
  for (let attempt = 1; ; attempt++) {
    try {
      await inbox.add(pending)
      return
    } catch (e) {
      if (!isDuplicateWrite(e) || attempt >= ADD_ATTEMPTS) throw e
    }
    const { data } = await inbox.where({ _id: db.command.in(pending.map((d) => d._id)) }).field({ _id: true }).limit(pending.length).get()
    const held = new Set(data.map((d: { _id: string }) => d._id))
    pending = pending.filter((d) => !held.has(d._id))
    if (!pending.length) return
  }
}

/** The entries the group's notes should give `advisorIds` and do not yet: the notes, then the advisors' entries (one request per 1000 each). */
async function missingEntries(groupId: string, advisorIds: string[]): Promise<InboxDoc[]> {
  const _ = database().command
  const [notes, held] = await Promise.all([
    readAll<NoteDoc>(J.notes, { groupId, removed: false }, NOTE_FIELDS),
    readAll<{ _id: string }>(J.inbox, { groupId, advisorId: _.in(advisorIds) }, { _id: true })
  ])
  const have = new Set(held.map((e) => e._id))
  return notes.flatMap((n) => inboxEntriesOf(n, advisorIds)).filter((e) => !have.has(e._id))
}

interface GroupResult {
  added: number
  removed: number
  /** false: the run stopped before finishing the group */
  done: boolean
}

/**
 * Brings one group's entries in step with its advisors. The advisors to give entries are
 * those new since the record, or all of them when there is no record or a run left it
 * pending (entries may then be missing for anyone); entries of advisors no longer on the
 * group are removed in one request.
 */
async function reconcile({ group, current, record }: Work, deadline: number): Promise<GroupResult> {
  const db = database()
  const _ = db.command
  const records = db.collection(J.inboxGroups)
  const synced = record && !record.pending ? record.advisorIds : null
  const incoming = synced ? current.filter((a) => !synced.includes(a)) : current
  const leaving = !synced || synced.some((a) => !current.includes(a))
  // From here a run that dies leaves the group pending, for the next run to reconcile whole.
  if (synced) await records.doc(group._id).set({ advisorIds: synced, pending: true, syncedAt: new Date() })
  const removed = leaving ? (await db.collection(J.inbox).where({ groupId: group._id, advisorId: _.nin(current) }).remove()).deleted ?? 0 : 0
  // Read after the group's last change settled: a save still using the old advisors has written its entries.
  const settled = Date.now() - new Date(group.updatedAt).getTime() > SETTLE_MS
  let added = 0
  if (incoming.length) {
    for (const chunk of chunkBySize(await missingEntries(group._id, incoming), { maxItems: ADD_CHUNK })) {
      if (deadline - Date.now() < TIME_RESERVE_MS) return { added, removed, done: false }
      await addMissing(chunk)
      added += chunk.length
    }
  }
  await records.doc(group._id).set({ advisorIds: current, pending: !settled, syncedAt: new Date() })
  return { added, removed, done: true }
}

/**
 * The `syncInbox` timer: each group whose advisors changed since the last run has its
 * inbox entries reconciled, until the run's time is nearly up (the rest wait for the next
 * run). Answers how many groups were finished, how many are left, and entries added and removed.
 */
export const syncInbox: TimerHandler = async ({ deadline }) => {
  const work = await changedGroups()
  const total = { groups: 0, left: work.length, added: 0, removed: 0 }
  for (const w of work) {
    if (deadline - Date.now() < TIME_RESERVE_MS) break
    const r = await reconcile(w, deadline)
    total.added += r.added
    total.removed += r.removed
    if (!r.done) break
    total.groups++
    total.left--
  }
  return total
}
