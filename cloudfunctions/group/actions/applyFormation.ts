/**
 * Forming one internship year's groups from a preview, or placing its late starters in
 * the year's existing groups.
 *
 * A bulk job, made safe to retry and sized for any roster the import accepts: the plan is
 * stored under its fingerprint (in parts that each fit one request) before anything else
 * is written, new groups get ids derived from their keys, members are placed only while
 * they have no group, and every bulk write is chunked by its encoded size. Calling apply
 * again with the same fingerprint resumes an interrupted run or returns the finished
 * one's result.
 */
import { groupActions, GroupCounts } from '../../../types/actions/group'
import { database } from '../../common/app'
import { randomCode } from '../../common/codes'
import { defineAction } from '../../common/dispatcher'
import { conflict, precondition } from '../../common/errors'
import { recountGroups } from '../../common/groupCounts'
import { C, GroupDoc } from '../../common/model'
import { chunkBySize, encodedSize } from '../../common/requestSize'
import { chooseYear, fingerprintOf, loadYear, pendingYears, planYear } from '../formationPlan'
import { groupSortKey } from '../sortKey'

/** One group of a stored plan: a new group to create, or an existing group late starters join. */
interface PlanEntry {
  /** a new group's id derives from its key; an existing group's is its own */
  id: string
  existing: boolean
  key: string
  name: string
  province: string
  cities: string[]
  /** the members the group will have */
  counts: GroupCounts
  /** the students this plan places in the group */
  memberIds: string[]
  /** a new group's invite code */
  inviteCode: string | null
  /** an existing group's cities, when late starters from other cities join it */
  widenedCities: string[] | null
}

interface FormationDoc {
  _id: string // the fingerprint
  year: string
  status: 'applying' | 'done'
  /** the plan's entries are stored in documents `<fingerprint>/1` .. `<fingerprint>/<parts>` */
  parts: number
  /** new groups */
  groups: number
  /** existing groups late starters join */
  existingGroups: number
  /** how many the finished run placed */
  placed: number
  createdAt: Date
  finishedAt: Date | null
}

interface StoredPlan {
  record: FormationDoc
  parts: PlanEntry[][]
}

type ApplyInput = { targetGroupSize: number; year?: string; fingerprint: string }

const GROUP_INVITE_CODE_LENGTH = 6
/** Most ids in one `_.in` and most documents in one batch add, whatever their size. */
const MAX_IDS = 1000
const MAX_DOCS = 500
/** Placement requests in flight at once. */
const CONCURRENT_WRITES = 8

const partId = (fingerprint: string, index: number): string => `${fingerprint}/${index + 1}`

/** Plans the formation afresh and stores the plan under its fingerprint, before any group is written. */
async function recordPlan(input: ApplyInput, now: Date): Promise<StoredPlan> {
  const year = chooseYear(input.year, input.year ? [] : await pendingYears())
  if (!year) throw precondition('没有待编组的学生')
  const yearInput = await loadYear(year)
  if (!yearInput.students.length) throw precondition(`${year}年度没有待编组的学生`)
  if (fingerprintOf(yearInput, input.targetGroupSize) !== input.fingerprint) {
    throw conflict('名单在预览之后发生了变化，请重新预览后再确认')
  }
  const plan = planYear(yearInput, input.targetGroupSize)
  const citiesBefore = new Map(yearInput.groups.map((g) => [g._id, g.cities ?? []]))
  const entries: PlanEntry[] = [
    ...plan.groups.map((g) => ({
      id: g.id, existing: false, key: g.key, name: g.name, province: g.province, cities: g.cities, counts: g.counts,
      memberIds: g.memberIds, inviteCode: randomCode(GROUP_INVITE_CODE_LENGTH), widenedCities: null
    })),
    ...plan.joins.map((j) => ({
      id: j.groupId, existing: true, key: j.key, name: j.name, province: j.province, cities: j.cities, counts: j.counts,
      memberIds: j.memberIds, inviteCode: null,
      widenedCities: j.cities.length > citiesBefore.get(j.groupId)!.length ? j.cities : null
    }))
  ]
  const formations = database().collection(C.formations)
  // Parts first (set: a retry after a crash rewrites them), then the record that names them.
  const parts = chunkBySize(entries, { fixed: encodedSize({ formation: input.fingerprint }) })
  for (const [i, part] of parts.entries()) await formations.doc(partId(input.fingerprint, i)).set({ formation: input.fingerprint, entries: part })
  const record: FormationDoc = {
    _id: input.fingerprint, year, status: 'applying', parts: parts.length, groups: plan.groups.length,
    existingGroups: plan.joins.length, placed: 0, createdAt: now, finishedAt: null
  }
  await formations.add(record).catch(anotherRun)
  return { record, parts }
}

/** The stored plan of an interrupted run. One request per part. */
async function loadPlan(record: FormationDoc): Promise<StoredPlan> {
  const formations = database().collection(C.formations)
  const parts: PlanEntry[][] = []
  for (let i = 0; i < record.parts; i++) {
    const { data } = await formations.doc(partId(record._id, i)).get()
    parts.push((data[0] as { entries: PlanEntry[] }).entries)
  }
  return { record, parts }
}

/** The values of `field` among documents of `collection` whose `field` is one of `values`. */
async function present(collection: string, field: string, values: string[]): Promise<Set<string>> {
  const db = database()
  const found = new Set<string>()
  for (const chunk of chunkBySize(values, { maxItems: MAX_IDS })) {
    const { data } = await db.collection(collection).where({ [field]: db.command.in(chunk) }).field({ [field]: true }).limit(MAX_IDS).get()
    for (const d of data as Record<string, string>[]) found.add(d[field])
  }
  return found
}

/** Creates the planned new groups that do not exist yet (all of them, unless resuming). */
async function createGroups({ record, parts }: StoredPlan, now: Date): Promise<void> {
  const planned = parts.flat().filter((e) => !e.existing)
  const made = await present(C.groups, '_id', planned.map((e) => e.id))
  const fresh: GroupDoc[] = planned.filter((e) => !made.has(e.id)).map((e) => ({
    _id: e.id, key: e.key, year: record.year, name: e.name, province: e.province, sortKey: groupSortKey(e), cities: e.cities, inviteCode: e.inviteCode!,
    liaisonId: null, liaisonName: null, coreMemberIds: [], advisorIds: [], advisorNames: [], unitContactIds: [],
    flagIssued: false, counts: e.counts, circles: {}, circlesVersion: 0, createdAt: now, updatedAt: now
  }))
  if (await redrawTakenInviteCodes(fresh)) await storeInviteCodes({ record, parts }, fresh)
  const groups = database().collection(C.groups)
  for (const chunk of chunkBySize(fresh, { maxItems: MAX_DOCS })) await groups.add(chunk).catch(anotherRun)
}

/** A write that found its document made already: an apply of the same preview is running. */
function anotherRun(e: unknown): never {
  if ((e as { code?: string }).code === 'DATABASE_DUPLICATE_WRITE') throw conflict('另一次组建正在进行，请稍后刷新查看结果')
  throw e
}

/** Invite codes are random; one that an existing group already uses is drawn again. */
async function redrawTakenInviteCodes(groups: GroupDoc[]): Promise<boolean> {
  const taken = await present(C.groups, 'inviteCode', groups.map((g) => g.inviteCode))
  let redrawn = false
  for (const g of groups) {
    while (taken.has(g.inviteCode)) {
      g.inviteCode = randomCode(GROUP_INVITE_CODE_LENGTH)
      redrawn = true
    }
    taken.add(g.inviteCode)
  }
  return redrawn
}

/** Keeps redrawn invite codes in the stored plan, so a resumed run creates the same groups. */
async function storeInviteCodes({ record, parts }: StoredPlan, groups: GroupDoc[]): Promise<void> {
  const codes = new Map(groups.map((g) => [g._id, g.inviteCode]))
  const formations = database().collection(C.formations)
  for (const [i, part] of parts.entries()) {
    if (!part.some((e) => codes.has(e.id) && codes.get(e.id) !== e.inviteCode)) continue
    for (const e of part) e.inviteCode = codes.get(e.id) ?? e.inviteCode
    await formations.doc(partId(record._id, i)).set({ formation: record._id, entries: part })
  }
}

/** Runs `task` on every item, `limit` at a time: bulk writes of different documents need not wait for each other. */
async function eachConcurrently<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/** Places each planned student who still has no group, with a dated history entry: one request per group (or chunk of it). */
async function placeMembers({ record, parts }: StoredPlan, now: Date): Promise<void> {
  const db = database()
  const _ = db.command
  const writes = parts.flat().flatMap((e) => {
    const entry = { groupId: e.id, groupName: e.name, at: now, reason: e.existing ? '新增学生编入本地区党小组' : '按实习区域组建党小组' }
    const fixed = encodedSize({ entry, updatedAt: now, groupId: e.id, kind: 'student', year: record.year })
    return chunkBySize(e.memberIds, { fixed, maxItems: MAX_IDS }).map((ids) => ({ ids, entry }))
  })
  await eachConcurrently(writes, CONCURRENT_WRITES, async ({ ids, entry }) => {
    // Only the year's students without a group: nobody of another year, nobody placed meanwhile.
    await db.collection(C.people)
      .where({ _id: _.in(ids), groupId: null, kind: 'student', year: record.year })
      .update({ groupId: entry.groupId, history: _.push(entry), updatedAt: now })
  })
}

/** How many students are in the new groups now (an index count, 200 groups a request). */
async function countInGroups(year: string, groupIds: string[]): Promise<number> {
  const db = database()
  let placed = 0
  for (const chunk of chunkBySize(groupIds, { maxItems: 200 })) {
    placed += (await db.collection(C.people).where({ year, kind: 'student', groupId: db.command.in(chunk) }).count()).total as number
  }
  return placed
}

/** How many of the late starters are in the groups they were to join. */
async function countJoined(entries: PlanEntry[]): Promise<number> {
  const db = database()
  const _ = db.command
  const pairs = entries.flatMap((e) => e.memberIds.map((id) => [id, e.id] as const))
  let placed = 0
  for (const chunk of chunkBySize(pairs, { maxItems: MAX_IDS })) {
    const where = { _id: _.in(chunk.map(([id]) => id)), groupId: _.in([...new Set(chunk.map(([, g]) => g))]) }
    placed += (await db.collection(C.people).where(where).count()).total as number
  }
  return placed
}

/**
 * Counts placed members, after the fact so that a resumed run reports everyone its plan
 * placed; recounts the groups late starters joined, and new groups whose members differ
 * from the plan (someone was placed elsewhere meanwhile); records the cities late
 * starters brought to their groups.
 */
async function settleCounts({ record, parts }: StoredPlan, now: Date): Promise<number> {
  const entries = parts.flat()
  const fresh = entries.filter((e) => !e.existing)
  const joined = entries.filter((e) => e.existing)
  const placedFresh = await countInGroups(record.year, fresh.map((e) => e.id))
  const placedJoined = await countJoined(joined)
  const stale = placedFresh === fresh.reduce((n, e) => n + e.memberIds.length, 0) ? [] : fresh
  if (stale.length || joined.length) await recountGroups([...stale, ...joined].map((e) => e.id), now)
  // A group's cities are its members' cities: late starters may bring new ones.
  const groups = database().collection(C.groups)
  for (const e of joined) if (e.widenedCities) await groups.doc(e.id).update({ cities: e.widenedCities })
  return placedFresh + placedJoined
}

/** Carries out a preview: forms the year's groups or places its late starters; a retry resumes or returns the result. */
export const applyFormation = defineAction({
  contract: groupActions.applyFormation,
  handler: async (input, ctx) => {
    const formations = database().collection(C.formations)
    const found = ((await formations.doc(input.fingerprint).get()).data[0] as FormationDoc | undefined) ?? null
    const result = (r: FormationDoc, placed: number) => ({ year: r.year, groups: r.groups, existingGroups: r.existingGroups, placed })
    if (found?.status === 'done') return result(found, found.placed)
    const plan = found ? await loadPlan(found) : await recordPlan(input, ctx.now)
    await createGroups(plan, ctx.now)
    await placeMembers(plan, ctx.now)
    const placed = await settleCounts(plan, ctx.now)
    await formations.doc(plan.record._id).update({ status: 'done', placed, finishedAt: new Date() })
    return result(plan.record, placed)
  }
})
