/**
 * The demo school's activity check-ins (活动打卡) over the internship year so far, as the
 * `activity` function stores them: each group's liaison (or a core member) recorded a
 * 党小组会 most months — a few groups irregularly, and a few have gone silent lately, which
 * the branch's dashboard is to notice — a 主题党日 around 1 July and National Day (some
 * groups around other national days), 理论学习 on the lessons of the month, 志愿服务 that
 * peaks on health days, and now and then something else. Places are the group's hospitals
 * and cities; attendees are the group's members, most of whom confirmed, a few asked to be
 * added (some approved, some refused, some waiting). No photos: the seed stores no images
 * (its lessons have no covers either). Pure: the documents come from the school, the
 * clock and the random stream.
 */
import { CHECKIN_LIMITS } from '../../types/actions/activity'
import type { ActivityType, Attendance, CheckinDoc } from '../../cloudfunctions/activity/model'
import { checkinKey, newCheckinId } from '../../cloudfunctions/activity/model'
import { SEED_LESSONS } from './lessons'
import { ROADS } from './names'
import { Draw, School, SchoolGroup, SchoolStudent } from './school'
import {
  addDays, atChina, chinaMonth, DAY_MS, HEALTH_DAYS, isWeekend, MAJOR_NATIONAL_DAYS, markedIn, NATIONAL_DAYS, previousMonth, SeedSpan
} from './seasons'

/** How a group keeps up its activities. */
type Habit = 'regular' | 'irregular' | 'fadingOut'

/** Share of groups by habit: most regular; a few stopped recording in the last two months. */
const HABITS: [Habit, number][] = [['regular', 0.75], ['irregular', 0.2], ['fadingOut', 0.05]]

/** An activity a group held, before its attendance is drawn. */
interface Held { type: ActivityType; heldAt: Date; place: string; content: string }

/** Where a group meets: its members' hospitals and its cities. */
interface Places { hospitals: string[]; cities: string[] }

const MEETING_TOPICS = [
  '学习党章总纲，交流实习中如何发挥党员先锋模范作用',
  '学习《中国共产党纪律处分条例》，开展警示教育',
  '学习习近平总书记关于卫生健康工作的重要论述',
  '交流本月实习情况，互相提醒夜班安全和学业进度',
  '开展批评与自我批评，查找自身在服务患者中的不足',
  '学习医德医风建设有关规定，讨论如何拒收红包',
  '听取入党积极分子思想汇报，讨论培养考察情况',
  '学习新时代好青年标准，结合临床轮转谈体会'
]
const MEETING_CLOSINGS = ['会上布置了下月学习任务。', '与会同学逐一发言，联络员作总结。', '因部分同学值班，采用线上线下结合方式。', '会后整理会议记录报系党总支。']

/** What a group did on each national day, by its name; `{city}` is the group's city. */
const THEME_DAYS: Record<string, string> = {
  建党节: '“七一”主题党日：集体重温入党誓词，学习微党课《红船启航》，交流实习中的初心故事。',
  建军节: '“八一”主题党日：看望医院里的退役军人患者，学习人民军队光荣传统。',
  中国人民抗日战争胜利纪念日: '纪念抗战胜利主题党日：观看抗战纪录片，缅怀革命先烈。',
  烈士纪念日: '烈士纪念日主题党日：到{city}烈士陵园敬献花篮，瞻仰烈士墓。',
  国庆节: '国庆主题党日：“我和我的祖国”分享会，讲述身边医务工作者节日坚守的故事。',
  国家宪法日: '国家宪法日主题党日：学习宪法中关于发展医疗卫生事业的条款。',
  南京大屠杀死难者国家公祭日: '国家公祭日主题党日：默哀悼念遇难同胞，铭记历史、珍爱和平。',
  毛泽东同志诞辰纪念日: '纪念毛泽东同志诞辰主题党日：重读《纪念白求恩》，交流学习体会。',
  学雷锋纪念日: '学雷锋主题党日：在医院门诊开展导诊助老服务。',
  清明节: '清明主题党日：到{city}烈士陵园祭扫，开展“网上祭英烈”活动。',
  五四青年节: '五四主题党日：与团员青年座谈“青春在实习岗位上闪光”。'
}
const STUDY_AFTER = ['围绕课后小测验交流答案。', '每人结合实习经历谈一点体会。', '联络员领学，大家分享学习笔记。', '指导教师线上参加并作点评。']
const VOLUNTEER_ACTIVITIES = [
  '社区义诊：为居民测量血压、血糖，讲解慢性病用药知识。',
  '到{city}敬老院开展助老志愿服务，为老人测血压、剪指甲。',
  '协助社区卫生服务中心开展流感疫苗接种登记与引导。',
  '在医院门诊开展导诊志愿服务，帮助老年患者自助挂号。',
  '进小学开展“七步洗手法”健康宣教。'
]
const OTHER_ACTIVITIES = [
  '实习经验交流会：高年级同学介绍执业助理医师考试备考经验。',
  '观看红色电影《长津湖》，交流观后感。',
  '参观{hospital}院史馆，了解医院发展历程和老一辈医务工作者的故事。',
  '组织健步走活动，调节实习压力，增进小组成员交流。'
]

const fill = (text: string, places: Places, d: Draw): string =>
  text.replace('{city}', d.pick(places.cities)).replace('{hospital}', d.pick(places.hospitals))
const clip = (s: string, n: number): string => [...s].slice(0, n).join('')

/** A place of the group for an activity of `type`. */
function placeOf(type: ActivityType, places: Places, d: Draw, content: string): string {
  const hospital = d.pick(places.hospitals)
  const city = d.pick(places.cities)
  if (content.includes('烈士陵园')) return `${city}烈士陵园`
  switch (type) {
    case 'groupMeeting': return d.chance(0.25) ? '线上（腾讯会议）' : `${hospital}${d.pick(['示教室', '会议室', '党员活动室'])}`
    case 'themeDay': return d.chance(0.3) ? `${city}革命纪念馆` : `${hospital}党员活动室`
    case 'study': return d.chance(0.35) ? '线上（腾讯会议）' : `${hospital}${d.pick(['图书室', '示教室'])}`
    case 'volunteer': return d.chance(0.3) ? `${hospital}门诊大厅` : `${city}${d.pick(ROADS)}社区卫生服务中心`
    default: return content.includes('院史馆') ? `${hospital}院史馆` : `${hospital}${d.pick(['学术报告厅', '会议室'])}`
  }
}

/** A time of `day` the activity of `type` suits: evenings on weekdays, afternoons at weekends, volunteer service in the morning. */
function timeOn(day: string, type: ActivityType, d: Draw): Date {
  const weekend = isWeekend(day)
  const minutes = type === 'volunteer' ? d.pick([8 * 60 + 30, 9 * 60])
    : type === 'themeDay' ? d.pick([9 * 60, 14 * 60 + 30])
    : weekend ? d.pick([14 * 60 + 30, 15 * 60]) : d.pick([19 * 60 + 30, 20 * 60])
  return atChina(day, minutes)
}

/** A random day of `month` (YYYY-MM). */
function dayOf(month: string, d: Draw): string {
  const [y, m] = month.split('-').map(Number)
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${month}-${String(d.int(1, days)).padStart(2, '0')}`
}

/** Lessons published by `day` (days after 1 July), newest first. */
function lessonsBy(dayOfYear: number): string[] {
  return SEED_LESSONS.filter((l) => l.day <= dayOfYear && l.target === 'all').sort((a, b) => b.day - a.day).map((l) => l.title)
}

/** What one group held in one month: the activities and their days, before attendance. */
function monthOf(month: string, habit: Habit, places: Places, span: SeedSpan, d: Draw): { type: ActivityType; day: string; content: string }[] {
  const out: { type: ActivityType; day: string; content: string }[] = []
  const meetingChance = habit === 'regular' ? 0.92 : 0.6
  if (d.chance(meetingChance)) {
    const times = habit === 'regular' && d.chance(0.15) ? 2 : 1
    for (let i = 0; i < times; i++) out.push({ type: 'groupMeeting', day: dayOf(month, d), content: `${Number(month.slice(5))}月党小组会：${d.pick(MEETING_TOPICS)}。${d.pick(MEETING_CLOSINGS)}` })
  }
  for (const n of markedIn(NATIONAL_DAYS, month)) {
    const major = MAJOR_NATIONAL_DAYS.has(n.day.slice(5))
    if (!d.chance(major ? 0.9 : 0.13)) continue
    // Kept on the day or in the days around it (National Day: often the week before the holiday).
    const shift = major ? d.int(n.day.endsWith('10-01') ? -3 : 0, 6) : d.int(-2, 3)
    out.push({ type: 'themeDay', day: addDays(n.day, shift), content: fill(THEME_DAYS[n.name], places, d) })
  }
  for (let i = 0, times = d.chance(0.55) ? (d.chance(0.2) ? 2 : 1) : 0; i < times; i++) {
    const day = dayOf(month, d)
    const titles = lessonsBy(Math.floor((Date.parse(`${day}T00:00:00+08:00`) - span.start.getTime()) / DAY_MS))
    const content = titles.length && d.chance(0.8) ? `集中学习微党课《${d.pick(titles.slice(0, 3))}》，${d.pick(STUDY_AFTER)}` : `集中学习党章第一章“党员”，${d.pick(STUDY_AFTER)}`
    out.push({ type: 'study', day, content })
  }
  for (const h of markedIn(HEALTH_DAYS, month)) {
    if (d.chance(0.3)) out.push({ type: 'volunteer', day: addDays(h.day, d.int(0, 2) === 2 ? 1 : 0), content: `${h.name}志愿服务：${h.theme}。` })
  }
  if (d.chance(0.2)) out.push({ type: 'volunteer', day: dayOf(month, d), content: fill(d.pick(VOLUNTEER_ACTIVITIES), places, d) })
  if (d.chance(0.08)) out.push({ type: 'other', day: dayOf(month, d), content: fill(d.pick(OTHER_ACTIVITIES), places, d) })
  return out
}

/** The group's activities over the span, each at a time before `now`; a group fading out records nothing in the last two months. */
function heldBy(habit: Habit, places: Places, span: SeedSpan, now: Date, d: Draw): Held[] {
  const current = chinaMonth(now)
  const silent = habit === 'fadingOut' ? new Set([current, previousMonth(current)]) : new Set<string>()
  const out: Held[] = []
  for (const month of span.months) {
    const planned = monthOf(month, habit, places, span, d)
    // An irregular group skips a month now and then, even its meeting.
    if (silent.has(month) || (habit === 'irregular' && d.chance(0.1))) continue
    for (const p of planned) {
      const heldAt = timeOn(p.day, p.type, d)
      if (heldAt < span.start || heldAt.getTime() > now.getTime() - 30 * 60_000) continue
      out.push({ type: p.type, heldAt, place: clip(placeOf(p.type, places, d, p.content), CHECKIN_LIMITS.place), content: p.content })
    }
  }
  return out
}

/** Share of the group on an activity of each type. */
const TURNOUT: Record<ActivityType, [number, number]> = {
  groupMeeting: [0.55, 0.9], themeDay: [0.6, 0.95], study: [0.4, 0.8], volunteer: [0.15, 0.45], other: [0.3, 0.7]
}

/** How likely a listed member has confirmed, by the activity's age: most within days. */
const confirmChance = (ageDays: number): number => (ageDays >= 7 ? 0.9 : ageDays >= 2 ? 0.75 : 0.4)

/** Who attended: the recorder (confirmed) and members drawn from the group; now and then a member not listed asked to be added. */
function attendanceOf(held: Held, recorder: SchoolStudent, members: SchoolStudent[], now: Date, d: Draw): Pick<CheckinDoc, 'attendance' | 'attendeeIds'> {
  const [lo, hi] = TURNOUT[held.type]
  const others = members.filter((m) => m._id !== recorder._id)
  const n = Math.min(others.length, CHECKIN_LIMITS.attendees - 1, Math.max(1, Math.round((lo + d.next() * (hi - lo)) * members.length) - 1))
  const listed = d.sample(others, n)
  const ageDays = (now.getTime() - held.heldAt.getTime()) / DAY_MS
  const attendance: Record<string, Attendance> = { [recorder._id]: { name: recorder.name, state: 'confirmed' } }
  const attendeeIds = [recorder._id]
  for (const m of listed) {
    attendance[m._id] = { name: m.name, state: d.chance(confirmChance(ageDays)) ? 'confirmed' : 'listed' }
    attendeeIds.push(m._id)
  }
  const unlisted = others.filter((m) => !attendance[m._id])
  if (unlisted.length && d.chance(0.06)) {
    const asker = d.pick(unlisted)
    const decided = ageDays > 3 ? d.weighted([0.55, 0.25, 0.2]) : 2
    attendance[asker._id] = { name: asker.name, state: (['confirmed', 'declined', 'requested'] as const)[decided] }
    attendeeIds.push(asker._id)
  }
  return { attendance, attendeeIds }
}

/** The counts a check-in keeps, from its attendance. */
export function countsOf(attendance: Record<string, Attendance>): CheckinDoc['counts'] {
  const states = Object.values(attendance).map((a) => a.state)
  const count = (s: string) => states.filter((x) => x === s).length
  return { listed: count('listed'), confirmed: count('confirmed'), requested: count('requested') }
}

/** The check-in as the function would have stored it, recorded within hours of the activity and reminded at once. */
function checkinOf(group: SchoolGroup, groupName: string, held: Held, recorder: SchoolStudent, attendance: Pick<CheckinDoc, 'attendance' | 'attendeeIds'>, serial: number, now: Date, d: Draw): CheckinDoc {
  const requestId = `seed-checkin-${serial}`
  const _id = newCheckinId(recorder._id, requestId)
  const createdAt = new Date(Math.min(now.getTime(), held.heldAt.getTime() + (1 + d.next() * 2) * 3600_000))
  const touched = attendance.attendeeIds.length > 1
  const updatedAt = touched ? new Date(Math.min(now.getTime(), createdAt.getTime() + d.next() * 2 * DAY_MS)) : createdAt
  return {
    _id, groupId: group._id, groupName, type: held.type, heldAt: held.heldAt, place: held.place, content: held.content, photos: [], review: 'pass',
    recordedBy: { id: recorder._id, name: recorder.name }, requestId, ...attendance, counts: countsOf(attendance.attendance),
    remind: 'done', remindedAt: new Date(Math.min(now.getTime(), createdAt.getTime() + 60_000)), key: checkinKey(held.heldAt, _id), createdAt, updatedAt
  }
}

/**
 * The check-ins the development identities find: in their group, a 党小组会 this month
 * recorded by the liaison with the ordinary intern still to confirm and a member waiting
 * for the liaison's decision, and a 理论学习 last month the intern confirmed.
 */
function devHeld(school: School, places: Places, now: Date): { held: Held; states: Record<string, Attendance['state']> }[] {
  const { dev } = school
  const members = school.members.get(dev.groupId) ?? []
  const month = chinaMonth(now)
  const monthStart = atChina(`${month}-01`, 0)
  const thisMonth = new Date(now.getTime() - Math.min(3 * DAY_MS, (now.getTime() - monthStart.getTime()) / 2))
  const lastMonth = atChina(`${previousMonth(month)}-15`, 19 * 60 + 30)
  const others = members.filter((m) => ![dev.liaisonId, dev.internId, dev.memberId].includes(m._id))
  const hospital = places.hospitals[0]
  return [
    {
      held: { type: 'groupMeeting', heldAt: thisMonth, place: `${hospital}示教室`, content: `${Number(month.slice(5))}月党小组会：${MEETING_TOPICS[0]}。${MEETING_CLOSINGS[1]}` },
      states: {
        [dev.liaisonId]: 'confirmed', [dev.memberId]: 'confirmed', [dev.internId]: 'listed',
        ...Object.fromEntries(others.slice(0, 6).map((m, i) => [m._id, i < 4 ? 'confirmed' : 'listed'])),
        ...(others[6] ? { [others[6]._id]: 'requested' } : {})
      }
    },
    {
      held: { type: 'study', heldAt: lastMonth, place: '线上（腾讯会议）', content: `集中学习党章第一章“党员”，${STUDY_AFTER[1]}` },
      states: { [dev.liaisonId]: 'confirmed', [dev.internId]: 'confirmed', [dev.memberId]: 'confirmed', ...Object.fromEntries(others.slice(0, 8).map((m) => [m._id, 'confirmed'])) }
    }
  ]
}

const placesOf = (group: SchoolGroup, members: SchoolStudent[]): Places => {
  const hospitals = [...new Set(members.flatMap((m) => (m.unitName ? [m.unitName] : [])))]
  return { hospitals: hospitals.length ? hospitals : [`${group.cities[0] ?? group.province}人民医院`], cities: group.cities.length ? group.cities : [group.province] }
}

/** Who records the group's check-ins: its liaison mostly, a core member sometimes (none: the group records nothing). */
function recorders(group: SchoolGroup, members: SchoolStudent[]): SchoolStudent[] {
  const byId = new Map(members.map((m) => [m._id, m]))
  return [group.liaisonId, ...group.coreMemberIds].flatMap((id) => (id && byId.get(id) ? [byId.get(id)!] : []))
}

/**
 * Every group's check-ins over `span` as the `activity` function stores them, the
 * development group's own first. Deterministic for a school, a clock and a stream.
 */
export function generateCheckins(school: School, span: SeedSpan, now: Date, rnd: () => number): CheckinDoc[] {
  const d = new Draw(rnd)
  const out: CheckinDoc[] = []
  let serial = 0
  for (const group of school.groups) {
    const members = school.members.get(group._id) ?? []
    const who = recorders(group, members)
    const places = placesOf(group, members)
    const habit = group._id === school.dev.groupId ? 'regular' : HABITS[d.weighted(HABITS.map(([, w]) => w))][0]
    if (!who.length) continue
    if (group._id === school.dev.groupId) {
      const liaison = members.find((m) => m._id === school.dev.liaisonId) ?? who[0]
      for (const { held, states } of devHeld(school, places, now)) {
        const on = members.filter((m) => states[m._id])
        const attendance = Object.fromEntries(on.map((m) => [m._id, { name: m.name, state: states[m._id] }]))
        out.push(checkinOf(group, group.name, held, liaison, { attendance, attendeeIds: on.map((m) => m._id) }, serial++, now, d))
      }
    }
    for (const held of heldBy(habit, places, span, now, d)) {
      const recorder = who.length > 1 && d.chance(0.2) ? d.pick(who.slice(1)) : who[0]
      out.push(checkinOf(group, group.name, held, recorder, attendanceOf(held, recorder, members, now, d), serial++, now, d))
    }
  }
  return out
}
