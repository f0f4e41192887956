/**
 * The demo school's volunteer service (志愿服务) over the internship year so far, as the
 * `volunteer` function stores it: most interns logged some hours — health outreach most,
 * then epidemic prevention, other service and donations (with amounts) — more on health
 * days and at weekends, and those who were on a group's 志愿服务 check-in mostly logged it.
 * Hours come in half-hour steps, never more than 24 on one day for one person, never on a
 * day after today. Older records were mostly verified (by the group's liaison or advisor
 * in the app, or by a unit contact through a link), a few returned with a reason; recent
 * ones wait. The counters (`volunteerTotals`: person, group and province per year) are
 * made from the records exactly as the function's increments would have made them. Pure.
 */
import type { CheckinDoc } from '../../cloudfunctions/activity/model'
import type { TotalsDoc, VolunteerCategory, VolunteerDoc } from '../../cloudfunctions/volunteer/model'
import { recordId, recordKey, REQUESTS_KEPT, totalsId } from '../../cloudfunctions/volunteer/model'
import { VOLUNTEER_LIMITS } from '../../types/actions/volunteer'
import { ROADS } from './names'
import { Draw, School, SchoolGroup, SchoolStudent } from './school'
import { addDays, atChina, chinaDay, DAY_MS, HEALTH_DAYS, isWeekend, markedIn, SeedSpan } from './seasons'

/** A record before its verification is drawn. */
interface Logged {
  person: SchoolStudent
  date: string
  hours: number
  category: VolunteerCategory
  amount: number | null
  place: string
  description: string
}

/** How it was settled; null: still pending. */
type Settled = { approve: boolean; by: VolunteerDoc['verifiedBy']; at: Date; reason: string | null } | null

const CATEGORIES: [VolunteerCategory, number][] = [['healthOutreach', 0.55], ['epidemicPrevention', 0.2], ['other', 0.15], ['donation', 0.1]]

const OUTREACH = [
  '为社区老人测量血压、血糖，讲解慢性病用药知识。', '在广场义诊点开展健康咨询，发放健康宣传资料。', '进小学开展“七步洗手法”和近视防控宣教。',
  '协助家庭医生签约团队入户随访高血压患者。', '在医院门诊开展健康宣教，讲解合理用药常识。'
]
const PREVENTION = [
  '协助社区卫生服务中心开展流感疫苗接种登记与留观引导。', '在发热门诊预检分诊处协助测温、引导就诊。', '参与诺如病毒感染防控宣传，指导学校做好消毒。',
  '协助疾控中心开展传染病防控知识入户宣传。'
]
const OTHER = ['在医院门诊导诊，帮助老年患者使用自助挂号机。', '参加无偿献血，并在献血点协助引导。', '到敬老院陪老人聊天、打扫卫生。', '在急救知识培训中担任心肺复苏示范助手。']
const DONATIONS = [
  { text: '“99公益日”为{city}慈善总会助学项目捐款。', amounts: [20, 50, 99, 100] },
  { text: '为病区困难患者的爱心筹款捐款。', amounts: [50, 100, 200] },
  { text: '向红十字会捐款，支援受灾地区。', amounts: [50, 100, 200, 500] }
]
const REJECT_REASONS = [
  '时长与活动安排不符，请核对后重新登记。', '未能确认本人参加，请补充活动照片或说明。', '与同日另一条记录重复。', '服务内容描述不清，请补充具体内容后重新登记。'
]

/** Hours a service of each category takes, in half-hour steps. */
function hoursOf(category: VolunteerCategory, d: Draw): number {
  const [lo, hi] = { healthOutreach: [3, 8], epidemicPrevention: [4, 16], donation: [1, 2], other: [2, 8] }[category]
  return d.int(lo, hi) / 2
}

/** How much each day of the span draws volunteer service: health days and the day after most, weekends more than weekdays. */
function dayWeights(span: SeedSpan): number[] {
  const health = new Set(span.months.flatMap((m) => markedIn(HEALTH_DAYS, m)).flatMap((h) => [h.day, addDays(h.day, 1)]))
  return span.days.map((day) => (health.has(day) ? 6 : 1) * (isWeekend(day) ? 1.6 : 1))
}

const placeOf = (person: SchoolStudent, d: Draw): string => {
  const city = person.city ?? person.province ?? ''
  const at = d.weighted([0.5, 0.3, 0.2])
  return [`${city}${d.pick(ROADS)}社区卫生服务中心`, person.unitName ? `${person.unitName}门诊大厅` : `${city}人民广场`, `${city}${d.pick(ROADS)}社区`][at].slice(0, VOLUNTEER_LIMITS.place)
}

/** One service a person logged on their own, on a day drawn from the season (donations: 9 September, 99公益日, when in the span). */
function ownService(person: SchoolStudent, span: SeedSpan, weights: number[], d: Draw): Logged {
  const category = CATEGORIES[d.weighted(CATEGORIES.map(([, w]) => w))][0]
  let date = span.days[d.weighted(weights)]
  const health = markedIn(HEALTH_DAYS, date.slice(0, 7)).find((h) => h.day === date || addDays(h.day, 1) === date)
  const city = person.city ?? ''
  if (category === 'donation') {
    const gift = d.pick(DONATIONS)
    const charityDay = span.days.find((x) => x.endsWith('-09-09'))
    if (gift === DONATIONS[0] && charityDay) date = charityDay
    return { person, date, hours: hoursOf(category, d), category, amount: d.pick(gift.amounts), place: gift === DONATIONS[0] ? `${city}慈善总会` : placeOf(person, d), description: gift.text.replace('{city}', city) }
  }
  const text = category === 'healthOutreach' ? (health ? `${health.name}：${health.theme}。` : d.pick(OUTREACH)) : d.pick(category === 'epidemicPrevention' ? PREVENTION : OTHER)
  return { person, date, hours: hoursOf(category, d), category, amount: null, place: placeOf(person, d), description: text }
}

/** The services logged from a group's 志愿服务 check-ins: most who confirmed logged the morning's hours. */
function servicesOfCheckins(checkins: CheckinDoc[], students: Map<string, SchoolStudent>, d: Draw): Logged[] {
  return checkins.filter((c) => c.type === 'volunteer').flatMap((c) => c.attendeeIds.flatMap((id) => {
    const person = students.get(id)
    if (!person || c.attendance[id].state !== 'confirmed' || !d.chance(0.7)) return []
    const category: VolunteerCategory = /疫苗|防控|结核|艾滋/.test(c.content) ? 'epidemicPrevention' : 'healthOutreach'
    return [{ person, date: chinaDay(new Date(c.heldAt)), hours: d.int(4, 8) / 2, category, amount: null, place: c.place.slice(0, VOLUNTEER_LIMITS.place), description: c.content.replace(/^.*?：/, '') }]
  }))
}

/** Who verifies a record of `group` and how: its liaison (never their own), an advisor, or a unit contact through a link. */
function verifierOf(group: SchoolGroup | undefined, personId: string, school: School, students: Map<string, SchoolStudent>, d: Draw): VolunteerDoc['verifiedBy'] {
  if (!group) return null
  const options: [NonNullable<VolunteerDoc['verifiedBy']>, number][] = []
  const name = (id: string) => school.staffNames.get(id) ?? ''
  const liaison = group.liaisonId && group.liaisonId !== personId ? students.get(group.liaisonId) : undefined
  if (liaison) options.push([{ name: liaison.name, role: '联络员', via: 'app', personId: liaison._id }, 0.4])
  if (group.advisorIds.length) {
    const id = d.pick(group.advisorIds)
    options.push([{ name: name(id), role: '指导教师', via: 'app', personId: id }, 0.35])
  }
  if (group.unitContactIds.length) options.push([{ name: name(d.pick(group.unitContactIds)), role: '带教老师', via: 'link', personId: null }, 0.25])
  return options.length ? options[d.weighted(options.map(([, w]) => w))][0] : null
}

/** When it was logged: that evening or the next day, never after now. */
function loggedAt(date: string, now: Date, d: Draw): Date {
  const at = atChina(date, (d.chance(0.7) ? 0 : 24 * 60) + d.int(18 * 60, 22 * 60 + 30))
  return new Date(Math.max(atChina(date, 0).getTime(), Math.min(at.getTime(), now.getTime() - 5 * 60_000)))
}

/** Whether and how it was settled: most records are looked at within days, some after a couple of weeks, a few never. */
function settle(by: VolunteerDoc['verifiedBy'], createdAt: Date, now: Date, d: Draw): Settled {
  const outcome = d.weighted([0.9, 0.06, 0.04])
  const at = new Date(createdAt.getTime() + 2 * 3600_000 + d.exponential((d.chance(0.6) ? 3 : 12) * DAY_MS))
  if (!by || outcome === 2 || at.getTime() > now.getTime() - 60_000) return null
  const approve = outcome === 0
  const reason = approve ? null : by.via === 'link' && d.chance(0.3) ? '带教老师未予核实' : d.pick(REJECT_REASONS)
  return { approve, by, at, reason }
}

/** The record as the function stores it, settled or pending. */
function recordOf(l: Logged, serial: number, createdAt: Date, settled: Settled, d: Draw, year: string): VolunteerDoc {
  const requestId = `seed-volunteer-${serial}`
  const _id = recordId(l.person._id, requestId)
  const state = !settled ? 'pending' : settled.approve ? 'verified' : 'rejected'
  const nonce = Array.from({ length: 16 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[d.int(0, 35)]).join('')
  return {
    _id, personId: l.person._id, personName: l.person.name, groupId: l.person.groupId, province: l.person.province, year, date: l.date, hours: l.hours,
    place: l.place, category: l.category, amount: l.amount, description: l.description, photos: [], review: 'pass', state,
    verifiedBy: settled?.by ?? null, verifiedAt: settled?.at ?? null, rejectReason: settled?.reason ?? null,
    usedLinks: settled?.by?.via === 'link' ? [nonce] : [], pendingGroup: settled ? null : l.person.groupId,
    key: recordKey(l.date, createdAt, _id), requestId, createdAt, updatedAt: settled?.at ?? createdAt
  }
}

/**
 * The development intern's records, one in each state: verified by the liaison, verified
 * by a unit contact through a link (or the advisor), returned by the advisor with a
 * reason, and two pending (the liaison's to verify).
 */
function devRecords(school: School, span: SeedSpan, now: Date, d: Draw): { logged: Logged; settle: (createdAt: Date) => Settled }[] {
  const intern = school.students.find((s) => s._id === school.dev.internId)
  const group = school.groups.find((g) => g._id === school.dev.groupId)
  const liaison = school.students.find((s) => s._id === school.dev.liaisonId)
  if (!intern || !group || !liaison) return []
  const today = chinaDay(now)
  const daysAgo = (n: number): string => [addDays(today, -n), span.days[0]].sort()[1]
  const advisor = { name: school.staffNames.get(school.dev.advisorId) ?? '', role: '指导教师', via: 'app' as const, personId: school.dev.advisorId }
  const contactId = group.unitContactIds[0]
  const contact = contactId ? { name: school.staffNames.get(contactId) ?? '', role: '带教老师', via: 'link' as const, personId: null } : advisor
  const later = (createdAt: Date, hours: number) => new Date(Math.min(now.getTime() - 60_000, createdAt.getTime() + hours * 3600_000))
  const of = (n: number, category: VolunteerCategory, hours: number, description: string, amount: number | null = null): Logged =>
    ({ person: intern, date: daysAgo(n), hours, category, amount, place: placeOf(intern, d), description })
  return [
    { logged: of(20, 'healthOutreach', 3, OUTREACH[0]), settle: (c) => ({ approve: true, by: { name: liaison.name, role: '联络员', via: 'app', personId: liaison._id }, at: later(c, 20), reason: null }) },
    { logged: of(12, 'epidemicPrevention', 4, PREVENTION[0]), settle: (c) => ({ approve: true, by: contact, at: later(c, 30), reason: null }) },
    { logged: of(8, 'other', 2, OTHER[0]), settle: (c) => ({ approve: false, by: advisor, at: later(c, 26), reason: REJECT_REASONS[1] }) },
    { logged: of(4, 'donation', 0.5, DONATIONS[1].text, 100), settle: () => null },
    { logged: of(1, 'healthOutreach', 3.5, OUTREACH[1]), settle: () => null }
  ]
}

/** Expected records a month for an intern who serves, by their own bent (some often, most now and then). */
const MONTHLY = 0.32

/**
 * Every record over `span` as the `volunteer` function stores them, deterministic for a
 * school, its check-ins, a clock and a stream. No person's day passes 24 hours: a service
 * that would is left out.
 */
export function generateVolunteer(school: School, checkins: CheckinDoc[], span: SeedSpan, now: Date, rnd: () => number): VolunteerDoc[] {
  const d = new Draw(rnd)
  if (!span.days.length) return []
  const today = chinaDay(now)
  const students = new Map(school.students.map((s) => [s._id, s]))
  const groups = new Map(school.groups.map((g) => [g._id, g]))
  const weights = dayWeights(span)
  const months = span.days.length / 30.4
  const logged: Logged[] = servicesOfCheckins(checkins, students, d)
  for (const person of school.students) {
    if (person._id === school.dev.internId || !d.chance(0.78)) continue
    const n = d.poisson(MONTHLY * months * (0.25 + 1.5 * d.next()))
    for (let i = 0; i < n; i++) logged.push(ownService(person, span, weights, d))
  }
  const dayHours = new Map<string, number>()
  const fits = (l: Logged): boolean => {
    const k = `${l.person._id}|${l.date}`
    const h = (dayHours.get(k) ?? 0) + l.hours
    if (h > VOLUNTEER_LIMITS.hoursPerDay || l.date > today) return false
    dayHours.set(k, h)
    return true
  }
  const out: VolunteerDoc[] = []
  for (const dev of devRecords(school, span, now, d)) {
    if (!fits(dev.logged)) continue
    const createdAt = loggedAt(dev.logged.date, now, d)
    out.push(recordOf(dev.logged, out.length, createdAt, dev.settle(createdAt), d, school.year))
  }
  for (const l of logged) {
    if (!fits(l)) continue
    const createdAt = loggedAt(l.date, now, d)
    const by = verifierOf(groups.get(l.person.groupId ?? ''), l.person._id, school, students, d)
    out.push(recordOf(l, out.length, createdAt, settle(by, createdAt, now, d), d, school.year))
  }
  return out
}

/**
 * The counters the function keeps for these records: per person (with the hours of each
 * day and the latest request ids), group and province of each year. A record counts while
 * it is not returned; a returned one leaves its day at what the others make.
 */
export function countersOf(records: VolunteerDoc[], groupNames: Map<string, string>): TotalsDoc[] {
  const counters = new Map<string, TotalsDoc>()
  const counter = (kind: TotalsDoc['kind'], year: string, key: string, name: string, groupId: string | null): TotalsDoc => {
    const id = totalsId(kind, year, key)
    let c = counters.get(id)
    if (!c) counters.set(id, c = { _id: id, kind, year, key, name, groupId, verified: 0, unverified: 0, records: 0, ...(kind === 'person' ? { days: {} } : {}), requestIds: [], updatedAt: new Date(0) })
    return c
  }
  const inLogOrder = [...records].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a._id < b._id ? -1 : 1))
  for (const r of inLogOrder) {
    const person = counter('person', r.year, r.personId, r.personName, r.groupId)
    person.groupId = r.groupId
    person.days![r.date] = (person.days![r.date] ?? 0) + (r.state === 'rejected' ? 0 : r.hours)
    const shared = [
      ...(r.groupId ? [counter('group', r.year, r.groupId, groupNames.get(r.groupId) ?? r.groupId, null)] : []),
      ...(r.province ? [counter('province', r.year, r.province, r.province, null)] : [])
    ]
    for (const c of [person, ...shared]) {
      if (r.state === 'verified') c.verified += r.hours
      if (r.state === 'pending') c.unverified += r.hours
      if (r.state !== 'rejected') c.records++
      c.requestIds = [...c.requestIds, r.requestId].slice(-REQUESTS_KEPT)
      const touched = r.verifiedAt ?? r.createdAt
      if (touched > c.updatedAt) c.updatedAt = touched
    }
  }
  return [...counters.values()]
}
