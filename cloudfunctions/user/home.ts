/**
 * The app's home screen, by who is calling: binding for the unbound, their own group for
 * students, the groups they look after for teachers and unit contacts, the year's totals
 * for the branch. Built from what the caller load brought (their person, own group and
 * the groups they look after) plus at most three requests (the branch's), never a read of
 * the year's people: totals come from the groups' kept counts and from index counts.
 */
import type { z } from 'zod'
import type { GroupCounts } from '../../types/groups'
import { ATTENTION_REASON_LABELS, ATTENTION_REASONS, AttentionReason, HOME_ATTENTION_GROUPS, HOME_STAFF_GROUPS, homeView } from '../../types/actions/user'
import { compareText } from '../../types/domain'
import { database } from '../common/app'
import type { Caller } from '../common/caller'
import { EMPTY_COUNTS } from '../common/groupCounts'
import { C, GroupDoc, PersonDoc } from '../common/model'
import { isParty } from '../common/people'
import { countOpenQuestions } from '../common/questions'
import { groupSummaryOf, mentorOf } from '../common/views'
import { countYearUnits } from '../common/yearUnits'

type HomeView = z.input<typeof homeView>
type Ref = { id: string; name: string }
type Names = Map<string, Pick<PersonDoc, '_id' | 'name' | 'unitName'>>

/** Which home a caller gets: the branch's wins over a teacher's, a teacher's over a student's. */
export function homeKindOf(caller: Caller): HomeView['view'] {
  if (!caller.person) return 'unbound'
  if (caller.roles.includes('admin')) return 'branch'
  if (caller.roles.includes('advisor') || caller.roles.includes('unitContact')) return 'staff'
  return 'intern'
}

// ------------------------------------------------------------------------ students

/** Names (and units) of people by id, in one request; only those two fields are read. */
async function namesOf(ids: string[]): Promise<Names> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const db = database()
  const { data } = await db.collection(C.people).where({ _id: db.command.in(unique) }).field({ name: true, unitName: true }).limit(unique.length).get()
  return new Map((data as Pick<PersonDoc, '_id' | 'name' | 'unitName'>[]).map((p) => [p._id, p]))
}

const refsOf = (names: Names, ids: string[]): Ref[] => ids.flatMap((id) => {
  const p = names.get(id)
  return p ? [{ id, name: p.name }] : []
})

/** The student's own group as their home shows it: counts as kept, no member named but the liaison. */
function groupCard(group: GroupDoc, names: Names, myRole: Caller['groupRole']): Extract<HomeView, { view: 'intern' }>['group'] {
  return {
    id: group._id,
    name: group.name,
    province: group.province,
    cities: group.cities,
    year: group.year,
    flagIssued: group.flagIssued,
    counts: group.counts ?? EMPTY_COUNTS,
    liaison: group.liaisonId ? { id: group.liaisonId, name: group.liaisonName ?? '' } : null,
    advisors: refsOf(names, group.advisorIds),
    unitContacts: group.unitContactIds.flatMap((id) => {
      const p = names.get(id)
      return p ? [{ id, name: p.name, unitName: p.unitName }] : []
    }),
    myRole
  }
}

/**
 * A student's home: their group card from the group the caller load brought, their own
 * mentor (ordinary students) or their own mentees (Party members), as `common/views.ts`
 * allows. One request for the names of advisors, unit contacts, mentor and mentees.
 */
export async function internHome(caller: Caller): Promise<HomeView> {
  const me = caller.person!
  const group = caller.group
  const party = isParty(me)
  const mentorId = group && !party ? mentorOf(group, me._id) : null
  const menteeIds = group && party ? group.circles?.[me._id] ?? [] : []
  const names = await namesOf([...(group?.advisorIds ?? []), ...(group?.unitContactIds ?? []), ...(mentorId ? [mentorId] : []), ...menteeIds])
  return {
    view: 'intern',
    group: group && groupCard(group, names, caller.groupRole),
    mentor: refsOf(names, mentorId ? [mentorId] : [])[0] ?? null,
    mentees: refsOf(names, menteeIds),
    canShowBadge: !!me.politicalStatus
  }
}

// ------------------------------------------------------------------------ teachers, unit contacts

/**
 * A teacher's or unit contact's home: the groups the caller load brought, latest year
 * first, and for a teacher the questions waiting for their answer (one index count).
 */
export async function staffHome(caller: Caller): Promise<HomeView> {
  const groups = [...caller.lookedAfter].sort((a, b) => compareText(b.year, a.year) || compareText(a.sortKey, b.sortKey))
  return {
    view: 'staff',
    groups: groups.slice(0, HOME_STAFF_GROUPS).map((g) => groupSummaryOf(g)),
    total: groups.length,
    more: groups.length > HOME_STAFF_GROUPS,
    openQuestions: caller.person?.kind === 'teacher' ? await countOpenQuestions(caller.person._id) : null
  }
}

// ------------------------------------------------------------------------ the branch

/** A group needing attention, as the aggregation pushes it. */
type AttentionRow = { id: string; name: string; province: string; sortKey: string } & Record<AttentionReason, boolean>

/** One internship year's groups, summed by the aggregation. */
interface YearRow extends Record<AttentionReason, number>, GroupCounts {
  _id: string
  groups: number
  provinces: string[]
  needingAttention: number
  /** the first HOME_ATTENTION_GROUPS needing attention, most reasons first */
  attention: AttentionRow[]
}

/**
 * Every year's totals in one aggregation over the groups (it reads the groups, never the
 * people): their number, their kept member counts summed, their provinces, and those
 * needing attention with their reasons. Latest year first.
 */
async function yearRows(): Promise<YearRow[]> {
  const db = database()
  const $ = db.command.aggregate
  const flag = (field: string) => $.cond([`$${field}`, 1, 0])
  const attentionEntry = {
    id: '$_id', name: '$name', province: '$province', sortKey: '$sortKey',
    ...Object.fromEntries(ATTENTION_REASONS.map((r) => [r, `$${r}`]))
  }
  const { data } = await db.collection(C.groups).aggregate()
    .project({
      year: true, name: true, province: true, sortKey: true, counts: true,
      noLiaison: $.eq([$.ifNull(['$liaisonId', null]), null]),
      noAdvisor: $.eq([$.size($.ifNull(['$advisorIds', []])), 0]),
      noPartyMember: $.lte([$.ifNull(['$counts.partyMembers', 0]), 0]),
      flagNotIssued: $.neq(['$flagIssued', true])
    })
    .addFields({ reasons: $.add(ATTENTION_REASONS.map(flag)) })
    .sort({ reasons: -1, sortKey: 1 })
    .group({
      _id: '$year',
      groups: $.sum(1),
      total: $.sum('$counts.total'),
      partyMembers: $.sum('$counts.partyMembers'),
      probationary: $.sum('$counts.probationary'),
      activists: $.sum('$counts.activists'),
      others: $.sum('$counts.others'),
      provinces: $.addToSet('$province'),
      ...Object.fromEntries(ATTENTION_REASONS.map((r) => [r, $.sum(flag(r))])),
      needingAttention: $.sum($.cond([$.gt(['$reasons', 0]), 1, 0])),
      attention: $.push($.cond([$.gt(['$reasons', 0]), attentionEntry, null]))
    })
    .addFields({ attention: $.slice([$.filter({ input: '$attention', as: 'g', cond: $.neq(['$$g', null]) }), HOME_ATTENTION_GROUPS]) })
    .sort({ _id: -1 })
    .limit(1000)
    .end()
  return (data as YearRow[]).filter((row) => typeof row._id === 'string')
}

/**
 * Index counts for a year: its interns without a group (`year_1_kind_1_groupId_1__id_1`)
 * and the units its roster names (`yearUnits`). Without a year (no group anywhere yet):
 * every student without a group (`kind_1_groupId_1_no_1`), and no unit count.
 */
async function yearCounts(year: string | null): Promise<{ unassigned: number; units: number | null }> {
  const waiting = database().collection(C.people).where(year ? { year, kind: 'student', groupId: null } : { kind: 'student', groupId: null }).count()
  const [unassigned, units] = await Promise.all([waiting.then((r) => r.total as number), year ? countYearUnits(year) : null])
  return { unassigned, units }
}

const countsOf = (row: YearRow | undefined): GroupCounts => ({
  total: row?.total ?? 0,
  partyMembers: row?.partyMembers ?? 0,
  probationary: row?.probationary ?? 0,
  activists: row?.activists ?? 0,
  others: row?.others ?? 0
})

const reasonsOf = (g: AttentionRow): AttentionReason[] => ATTENTION_REASONS.filter((r) => g[r])

/**
 * The branch's home: the totals of the year asked for, else of the latest year that has
 * groups. Three requests: the groups' aggregation, then two index counts (at once with it
 * when the year is asked for).
 */
export async function branchHome(asked: string | undefined): Promise<HomeView> {
  const [rows, counts] = asked
    ? await Promise.all([yearRows(), yearCounts(asked)])
    : await yearRows().then(async (r) => [r, await yearCounts(r[0]?._id ?? null)] as const)
  const year = asked ?? rows[0]?._id ?? null
  const row = rows.find((r) => r._id === year)
  const attention = [...(row?.attention ?? [])]
    .sort((a, b) => reasonsOf(b).length - reasonsOf(a).length || compareText(a.sortKey, b.sortKey))
  return {
    view: 'branch',
    year,
    years: rows.map((r) => ({ year: r._id, groups: r.groups })),
    groups: row?.groups ?? 0,
    interns: countsOf(row),
    unassigned: counts.unassigned,
    provinces: [...(row?.provinces ?? [])].sort(compareText),
    units: counts.units,
    attention: {
      total: row?.needingAttention ?? 0,
      byReason: {
        noLiaison: row?.noLiaison ?? 0,
        noAdvisor: row?.noAdvisor ?? 0,
        noPartyMember: row?.noPartyMember ?? 0,
        flagNotIssued: row?.flagNotIssued ?? 0
      },
      groups: attention.map((g) => ({
        id: g.id,
        name: g.name,
        province: g.province,
        reasons: reasonsOf(g).map((code) => ({ code, label: ATTENTION_REASON_LABELS[code] }))
      }))
    }
  }
}
