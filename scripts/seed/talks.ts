/**
 * The demo school's heart-to-heart talks (谈心谈话) over the internship year so far, as the
 * `talk` function stores them: each group's advisors talk with most of its members once a
 * term, by phone and video more than in person (the interns are far away); a liaison
 * records a few with members of their own group; some talks set a follow-up, most of those
 * done once due, a few past due. About one group in twenty was hardly talked with, so the
 * coverage figures and the alerts have something to show. Days are China days, never after
 * the seed's now. Generated pure; `seedTalks` writes them in bulk.
 */
import { T, TalkDoc, talkId, talkKey } from '../../cloudfunctions/talk/model'
import { internshipTermOf } from '../../types/domain'
import type { App } from '../client'
import { addInChunks } from './bulk'
import { mulberry32 } from './data'
import { DevPeople, Draw, readSchool, School, SchoolGroup, SchoolStudent } from './school'
import { addDays, atChina, chinaDay, seedSpan, SeedSpan } from './seasons'

const TOPICS: [string, (s: SchoolStudent) => string][] = [
  ['实习适应情况', (s) => `${s.name}已基本适应${s.unitName ?? '实习医院'}的轮转节奏，带教老师评价认真肯干。夜班后作息有些乱，约定合理安排休息。`],
  ['思想动态与学习情况', (s) => `了解${s.name}近期的思想和学习情况，能按时学习微党课，笔记认真。鼓励其在科室里主动承担力所能及的工作。`],
  ['职业规划与考试准备', (s) => `${s.name}计划参加明年的执业资格考试，复习时间紧张。建议利用轮转间隙按章节复习，小组内可结对互助。`],
  ['心理压力与生活困难', (s) => `${s.name}初到${s.city ?? '外地'}，住宿离医院较远，有些焦虑。已帮助联系带教老师协调，并提醒有困难及时向小组反映。`],
  ['入党动机与思想汇报', (s) => `与${s.name}谈入党动机，能结合实习中的见闻谈认识，较为真诚。提醒按时提交思想汇报，在岗位上用行动体现先进性。`],
  ['带教关系与医患沟通', (s) => `${s.name}反映与个别患者家属沟通不顺。结合案例讲了沟通要点，鼓励多向带教老师请教，注意保护患者隐私。`]
]
const FOLLOW_UPS = ['两周后了解复习进度', '一个月后再了解住宿和作息情况', '下次小组会后听取其思想汇报', '与带教老师沟通其实习表现', '督促按时提交思想汇报']

const FORMS: ['inPerson' | 'call' | 'video', number][] = [['inPerson', 0.2], ['call', 0.45], ['video', 0.35]]

/** Days of the span that fall on or before `last` and not before `first`. */
const daysBetween = (span: SeedSpan, first: string, last: string): string[] => span.days.filter((d) => d >= first && d <= last)

/** The talks of one group: its advisors with most members each term, its liaison with a few. */
function groupTalks(school: School, group: SchoolGroup, span: SeedSpan, now: Date, draw: Draw, hardlyTalked: boolean): TalkDoc[] {
  const members = school.members.get(group._id) ?? []
  const talks: TalkDoc[] = []
  const today = chinaDay(now)
  const terms = [...new Set(span.days.map(internshipTermOf))]
  for (const term of terms) {
    const termDays = span.days.filter((d) => internshipTermOf(d) === term)
    // a term's talks come after its first weeks: July's arrivals are settled first
    const days = daysBetween(span, addDays(termDays[0], 14), termDays[termDays.length - 1])
    if (!days.length || !group.advisorIds.length) continue
    const share = hardlyTalked ? 0.08 : 0.45 + draw.next() * 0.4
    for (const student of members) {
      if (!draw.chance(share)) continue
      const advisorId = draw.pick(group.advisorIds)
      talks.push(talkOf(school, group, student, { id: advisorId, role: 'advisor' }, draw.pick(days), term, now, draw))
    }
  }
  // The liaison talks with a few members of their own group.
  if (group.liaisonId && !hardlyTalked) {
    const liaison = members.find((m) => m._id === group.liaisonId)
    const days = daysBetween(span, addDays(span.days[0] ?? today, 20), today)
    if (liaison && days.length) {
      for (const student of draw.sample(members.filter((m) => m._id !== liaison._id), draw.int(0, 3))) {
        const day = draw.pick(days)
        talks.push(talkOf(school, group, student, { id: liaison._id, role: 'liaison', name: liaison.name }, day, internshipTermOf(day), now, draw))
      }
    }
  }
  return talks
}

function talkOf(school: School, group: SchoolGroup, student: SchoolStudent, recorder: { id: string; role: 'advisor' | 'liaison'; name?: string }, date: string, term: string, now: Date, draw: Draw): TalkDoc {
  const today = chinaDay(now)
  const [topic, summary] = draw.pick(TOPICS)
  const followUp = draw.chance(0.3) ? draw.pick(FOLLOW_UPS) : null
  const due = followUp ? addDays(date, draw.pick([7, 14, 30])) : null
  // most follow-ups that fell due were done; a few slipped
  const done = due !== null && due < today && draw.chance(0.85)
  // recorded the same evening, or now if that is later than the seed's clock
  const createdAt = new Date(Math.min(atChina(date, draw.int(9 * 60, 21 * 60)).getTime(), now.getTime()))
  const requestId = `seed-${student._id}-${date.replace(/-/g, '')}`.slice(0, 64)
  const id = talkId(recorder.id, requestId)
  return {
    _id: id, requestIds: [requestId], year: school.year, term, groupId: group._id, studentId: student._id, studentName: student.name,
    recorderId: recorder.id, recorderName: recorder.name ?? school.staffNames.get(recorder.id) ?? '指导教师', recorderRole: recorder.role,
    date, form: FORMS[draw.weighted(FORMS.map(([, w]) => w))][0], topic, summary: summary(student),
    followUp, followUpDue: due, followUpDone: done, followUpDoneAt: done ? atChina(due!, 20 * 60) : null,
    key: talkKey(date, createdAt, id), createdAt, updatedAt: createdAt
  }
}

/** Every group's talks; about one group in twenty was hardly talked with (the alerts and coverage show it). */
export function generateTalks(school: School, span: SeedSpan, now: Date, draw: Draw): TalkDoc[] {
  const talks = school.groups.flatMap((g) => groupTalks(school, g, span, now, draw, g._id !== school.dev.groupId && draw.chance(0.05)))
  // The demo advisor has one follow-up past due with the demo group, so its alert shows.
  const dev = school.dev
  const intern = (school.members.get(dev.groupId) ?? []).find((m) => m._id === dev.internId)
  const group = school.groups.find((g) => g._id === dev.groupId)
  const past = addDays(chinaDay(now), -20)
  if (intern && group && span.days.includes(past)) {
    const talk = talkOf(school, group, intern, { id: dev.advisorId, role: 'advisor' }, past, internshipTermOf(past), now, draw)
    talks.push({ ...talk, followUp: FOLLOW_UPS[0], followUpDue: addDays(past, 14), followUpDone: false, followUpDoneAt: null })
  }
  return dedupe(talks)
}

/** The demo advisor's special talk may share an id with a generated one: keep the last. */
function dedupe<T extends { _id: string }>(docs: T[]): T[] {
  return [...new Map(docs.map((d) => [d._id, d])).values()]
}

export interface TalkSeedResult {
  talks: number
  /** talks whose follow-up is past due and not done */
  followUpsOverdue: number
}

/** Seeds the talks of `year` up to `now` (the seed's clock). */
export async function seedTalks(server: App, year: string, dev: DevPeople, options: { seed?: number; now?: Date; log?: (line: string) => void } = {}): Promise<TalkSeedResult> {
  const now = options.now ?? new Date()
  const school = await readSchool(server, year, dev)
  const talks = generateTalks(school, seedSpan(year, now), now, new Draw(mulberry32((options.seed ?? 7) * 7919 + 29)))
  await addInChunks(server, T.talks, talks)
  const today = chinaDay(now)
  const result = { talks: talks.length, followUpsOverdue: talks.filter((t) => t.followUpDue !== null && !t.followUpDone && t.followUpDue < today).length }
  options.log?.(`talks: ${result.talks} (${result.followUpsOverdue} follow-ups past due)`)
  return result
}
