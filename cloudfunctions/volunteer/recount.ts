/**
 * The group's and province's counters of the year's hours (model.ts `TotalsDoc`), recomputed
 * from the records by the `recountTotals` timer rather than incremented by each log and
 * verification. A run reads the keys — (year, group) and (year, province) — of the records
 * changed since its mark, recounts those counters with one aggregation per kind, writes each
 * counter's values whole, then moves the mark. Writing values is idempotent: a run that dies
 * leaves the mark where it was and the next one recounts the same keys again; nothing is ever
 * counted twice. Rejected records count nowhere; verified and unverified hours apart.
 */
import { database } from '../common/app'
import { readByIds } from '../common/db'
import type { TimerHandler } from '../common/dispatcher'
import { C, GroupDoc } from '../common/model'
import { TotalsDoc, totalsId, V, VolunteerDoc } from './model'

/** The recount's own document among the counters (kind 'recount', which no counter query matches). */
const RECOUNT_ID = 'recount'

/** Where the next run starts reading, and when the last complete run began (the shared figures hold every change before it). */
export interface RecountMark {
  _id: string
  kind: 'recount'
  /** records changed at or after this are read by the next run */
  since: Date
  ranAt: Date
}

/**
 * How long before a run's start the next run reads changes again. A record's `updatedAt` is
 * when its call began, which may be up to the function's timeout (20 s, cloudbaserc.json;
 * a recount of every record at ten times the seed took 7 s on the emulator) before its
 * write reaches the database, and a run lasts at most as long: a change written while a
 * run was reading is read again by the next one.
 */
export const RECOUNT_MARGIN_MS = 60_000

type SharedKind = 'group' | 'province'

/** The record field each shared kind counts by. */
const FIELD = { group: 'groupId', province: 'province' } as const satisfies Record<SharedKind, keyof VolunteerDoc>

const PAGE_MAX = 1000
/** Counters written at once. */
const WRITES_AT_ONCE = 20

interface Sums { verified: number; unverified: number; records: number }
type Keys = Map<string, Set<string>>

/** The mark of the last complete run, or null before the first. One request. */
export async function readRecountMark(): Promise<RecountMark | null> {
  return ((await database().collection(V.totals).doc(RECOUNT_ID).get()).data[0] as RecountMark | undefined) ?? null
}

/**
 * The keys of every record changed since `since` (every record on the first run), by kind:
 * year -> groups (provinces). One request per 1000 distinct (year, group, province).
 */
async function changedKeys(since: Date | null): Promise<Record<SharedKind, Keys>> {
  const db = database()
  const out: Record<SharedKind, Keys> = { group: new Map(), province: new Map() }
  const add = (kind: SharedKind, year: string, key: string | null) => {
    if (key) out[kind].set(year, (out[kind].get(year) ?? new Set()).add(key))
  }
  for (let skip = 0; ; skip += PAGE_MAX) {
    const { data } = await db.collection(V.records).aggregate()
      .match(since ? { updatedAt: db.command.gte(since) } : {})
      .group({ _id: { year: '$year', groupId: '$groupId', province: '$province' } })
      .sort({ '_id.year': 1, '_id.groupId': 1, '_id.province': 1 })
      .skip(skip)
      .limit(PAGE_MAX)
      .end()
    for (const { _id: k } of data as { _id: { year: string; groupId: string | null; province: string | null } }[]) {
      add('group', k.year, k.groupId)
      add('province', k.year, k.province)
    }
    if (data.length < PAGE_MAX) return out
  }
}

/**
 * The sums of the counters of `keys` from their records, by counter id; a counter none of
 * whose records counts (all rejected) sums to zero. One aggregation per year and 1000 keys.
 */
async function recount(kind: SharedKind, keys: Keys): Promise<Map<string, Sums>> {
  const db = database()
  const _ = db.command
  const $ = _.aggregate
  const hoursIf = (state: string) => $.sum($.cond([$.eq(['$state', state]), '$hours', 0]))
  const out = new Map<string, Sums>()
  for (const [year, set] of keys) {
    const all = [...set]
    for (let i = 0; i < all.length; i += PAGE_MAX) {
      const chunk = all.slice(i, i + PAGE_MAX)
      for (const key of chunk) out.set(totalsId(kind, year, key), { verified: 0, unverified: 0, records: 0 })
      const { data } = await db.collection(V.records).aggregate()
        .match({ year, [FIELD[kind]]: _.in(chunk), state: _.in(['pending', 'verified']) })
        .group({ _id: `$${FIELD[kind]}`, verified: hoursIf('verified'), unverified: hoursIf('pending'), records: $.sum(1) })
        .limit(PAGE_MAX)
        .end()
      for (const row of data as (Sums & { _id: string })[]) {
        out.set(totalsId(kind, year, row._id), { verified: row.verified, unverified: row.unverified, records: row.records })
      }
    }
  }
  return out
}

/** The counters to write, whole: as the seed and the first logs made them (no request ids on shared counters). */
function countersOf(kind: SharedKind, keys: Keys, sums: Map<string, Sums>, names: Map<string, string>, now: Date): TotalsDoc[] {
  return [...keys].flatMap(([year, set]) => [...set].map((key) => {
    const _id = totalsId(kind, year, key)
    return { _id, kind, year, key, name: names.get(key) ?? key, groupId: null, ...sums.get(_id)!, requestIds: [], updatedAt: now }
  }))
}

/** Writes each counter's values (a replacement, so a repeated write changes nothing), a few at once. */
async function writeCounters(counters: TotalsDoc[]): Promise<void> {
  const coll = database().collection(V.totals)
  for (let i = 0; i < counters.length; i += WRITES_AT_ONCE) {
    await Promise.all(counters.slice(i, i + WRITES_AT_ONCE).map(({ _id, ...values }) => coll.doc(_id).set(values)))
  }
}

/**
 * The `recountTotals` timer (cloudbaserc.json, every minute): recounts the group and
 * province counters whose records changed since the last complete run, then moves the mark
 * to this run's start less `RECOUNT_MARGIN_MS`. Requests: the mark, the changed keys, one
 * aggregation per kind, the groups' names, one write per counter, the mark.
 */
export const recountTotals: TimerHandler = async ({ now }) => {
  const mark = await readRecountMark()
  const keys = await changedKeys(mark?.since ?? null)
  const groupIds = [...new Set([...keys.group.values()].flatMap((s) => [...s]))]
  const [groups, provinces, groupDocs] = await Promise.all([
    recount('group', keys.group), recount('province', keys.province),
    groupIds.length ? readByIds<Pick<GroupDoc, '_id' | 'name'>>(C.groups, groupIds, { name: true }) : []
  ])
  const names = new Map(groupDocs.map((g) => [g._id, g.name]))
  const counters = [...countersOf('group', keys.group, groups, names, now), ...countersOf('province', keys.province, provinces, new Map(), now)]
  await writeCounters(counters)
  const next: Omit<RecountMark, '_id'> = { kind: 'recount', since: new Date(now.getTime() - RECOUNT_MARGIN_MS), ranAt: now }
  await database().collection(V.totals).doc(RECOUNT_ID).set(next)
  return { counters: counters.length, since: mark?.since ?? null }
}
