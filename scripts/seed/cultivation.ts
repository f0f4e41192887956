/**
 * The demo school's dual cultivation (双联系人、双培养), as the `cultivation` function stores
 * it: most activists and probationary members of a group have a school contact (usually
 * one of its advisors) and a unit contact (one of its unit contacts); a few still lack one
 * or both, so the branch's 未配齐联系人 shows someone. Both contacts have recorded a few
 * dated observations of study, work and conduct over the internship year so far; the
 * branch recorded most activists' six-month reviews that fell due more than three weeks
 * ago (others are overdue, as a real year has). In the demo group the development advisor
 * is everyone's school contact and the development unit contact their unit contact. No
 * review changes anyone's status (so the groups' counts stay as formed). Generated pure,
 * written in bulk.
 */
import { addMonths } from '../../cloudfunctions/cultivation/due'
import { COUNTED_KEPT, CultivationDoc, CV, ObservationDoc, observationId, observationKey, ReviewDoc, reviewIdOf } from '../../cloudfunctions/cultivation/model'
import type { ObservationAspect, ObservationSide } from '../../cloudfunctions/cultivation/model'
import type { ReviewOutcome } from '../../types/cultivation'
import type { PoliticalStatus } from '../../types/domain'
import type { App } from '../client'
import { addInChunks, readAllDocs } from './bulk'
import { mulberry32 } from './data'
import { Draw } from './school'
import { addDays, atChina, chinaDay } from './seasons'

/** A person under cultivation as the seed reads them. */
export interface Cultivated {
  _id: string
  name: string
  no: string
  groupId: string | null
  year: string | null
  politicalStatus: PoliticalStatus
  activistSince: string | null
}

export interface CultivationGroup {
  _id: string
  advisorIds: string[]
  unitContactIds: string[]
}

/** Who the seed names: the demo group, its development advisor and unit contact, and the branch's admin. */
export interface CultivationCast {
  groupId: string
  advisorId: string
  unitContactId: string
  admin: { id: string; name: string }
}

export interface CultivationSeedResult {
  files: number
  /** people under cultivation in a group without both contacts */
  withoutContacts: number
  observations: number
  reviews: number
}

const TEXTS: Record<ObservationSide, Record<ObservationAspect, string[]>> = {
  school: {
    study: ['按时参加线上微党课学习，学习笔记认真，能联系实习实际谈体会。', '主动学习党章和党的二十大报告，交流发言有思考。', '理论学习较为自觉，个别专题学习笔记略显简单，已提醒加强。'],
    work: ['实习手册填写及时，按要求完成阶段性总结。', '在小组活动中主动承担组织联络工作，完成较好。', '能按时参加党小组组织生活，发言积极。'],
    conduct: ['谈心谈话中思想积极，对入党动机认识清楚。', '遵守实习纪律，与同学关系融洽，乐于帮助他人。', '电话交流中谈到实习中的困难，态度端正，能正视不足。']
  },
  unit: {
    study: ['主动向带教老师请教，病例讨论准备充分。', '科室业务学习从不缺席，能把学到的知识用到临床。', '操作规范掌握较快，对新技术学习积极。'],
    work: ['工作认真负责，按时完成科室安排的各项任务。', '夜班期间坚守岗位，处理紧急情况沉着冷静。', '积极参加科室义诊活动，服务患者热情周到。'],
    conduct: ['对待患者耐心细致，多次受到患者表扬。', '团结同事，服从科室安排，无迟到早退。', '能主动帮助年长患者办理手续，体现了党员标准的自我要求。']
  }
}
const ASPECTS: ObservationAspect[] = ['study', 'work', 'conduct']
const NOTES: Record<ReviewOutcome, string[]> = {
  qualified: ['两方联系人评价一致，考察合格，继续培养。', '学习、工作表现良好，考察合格。'],
  basicallyQualified: ['实习表现较好，理论学习有待加强，考察基本合格。'],
  unqualified: ['本期未按要求参加组织生活，考察不合格，请联系人加强谈心。'],
  confirmed: [], extended: [], revoked: []
}

/** Observations of one side by `authorId` over the days up to `today`: a few, spread over the year so far. */
function observationsOf(p: Cultivated, side: ObservationSide, authorId: string, authorName: string, days: string[], d: Draw): ObservationDoc[] {
  const n = days.length ? Math.min(6, d.poisson(side === 'school' ? 2.5 : 3)) : 0
  // Each text once per person and side: a contact does not write the same words twice.
  const texts = d.sample(ASPECTS.flatMap((aspect) => TEXTS[side][aspect].map((body) => ({ aspect, body }))), n)
  return d.sample(days, texts.length).map((date, i) => {
    const { aspect, body } = texts[i]
    const _id = observationId(authorId, `seed-${p._id}-${side}-${i}`)
    const createdAt = atChina(date, 18 * 60 + d.int(0, 240))
    return {
      _id, requestIds: [`seed-${p._id}-${side}-${i}`], personId: p._id, year: p.year, side, authorId, authorName, date, aspect,
      body, key: observationKey(date, createdAt, _id), createdAt
    }
  })
}

/**
 * An activist's six-month reviews recorded so far, each within two weeks of its day: all
 * those due before the internship year (held on campus), and those due in it until one
 * due less than three weeks ago or one the branch has not got to yet.
 */
function reviewsOf(p: Cultivated, yearStart: string, today: string, cast: CultivationCast, d: Draw): ReviewDoc[] {
  const reviews: ReviewDoc[] = []
  if (p.politicalStatus !== 'activist' || !p.activistSince) return reviews
  let base = p.activistSince
  for (let dueOn = addMonths(base, 6); addDays(dueOn, 21) <= today && (dueOn < yearStart || d.chance(0.85)); dueOn = addMonths(base, 6)) {
    const reviewedOn = addDays(dueOn, d.int(0, 14))
    const outcome = (['qualified', 'basicallyQualified', 'unqualified'] as const)[d.weighted([80, 17, 3])]
    reviews.push({
      id: reviewIdOf('sixMonth', dueOn), kind: 'sixMonth', dueOn, outcome, note: d.pick(NOTES[outcome]), decidedAt: atChina(reviewedOn, 16 * 60),
      decidedById: cast.admin.id, decidedByName: cast.admin.name, reviewedOn, extendedTo: null, statusChange: null, groupId: p.groupId
    })
    base = reviewedOn
  }
  return reviews
}

/** The files and observations of the year's people under cultivation who are in a group. Pure. */
export function generateCultivation(people: Cultivated[], groups: CultivationGroup[], staffNames: Map<string, string>, days: string[], now: Date,
  cast: CultivationCast, rng: () => number): { files: CultivationDoc[]; observations: ObservationDoc[] } {
  const d = new Draw(rng)
  const today = chinaDay(now)
  const byId = new Map(groups.map((g) => [g._id, g]))
  const teachers = [...new Set(groups.flatMap((g) => g.advisorIds))]
  const files: CultivationDoc[] = []
  const observations: ObservationDoc[] = []
  for (const p of people) {
    const g = p.groupId ? byId.get(p.groupId) : undefined
    if (!g) continue
    const demo = g._id === cast.groupId
    // A few still wait for the branch: no file at all, or a school contact only.
    const missing = demo ? 0 : d.weighted([86, 8, 6])
    if (missing === 1) continue
    const schoolId = demo ? cast.advisorId : g.advisorIds.length && d.chance(0.7) ? d.pick(g.advisorIds) : teachers.length ? d.pick(teachers) : null
    const unitId = demo ? cast.unitContactId : missing === 2 || !g.unitContactIds.length ? null : d.pick(g.unitContactIds)
    // Observations from the day they came under cultivation (or the year's start) until today.
    const from = p.activistSince && p.activistSince > (days[0] ?? '') ? p.activistSince : days[0] ?? today
    const open = days.filter((day) => day >= from && day <= today)
    const mine = [
      ...(schoolId ? observationsOf(p, 'school', schoolId, staffNames.get(schoolId) ?? '', open, d) : []),
      ...(unitId ? observationsOf(p, 'unit', unitId, staffNames.get(unitId) ?? '', open, d) : [])
    ]
    const reviews = reviewsOf(p, days[0] ?? today, today, cast, d)
    observations.push(...mine)
    files.push({
      _id: p._id, personId: p._id, name: p.name, no: p.no, year: p.year, groupId: p.groupId,
      schoolContactId: schoolId, schoolContactName: schoolId ? staffNames.get(schoolId) ?? null : null,
      unitContactId: unitId, unitContactName: unitId ? staffNames.get(unitId) ?? null : null,
      reviews, lastReviewOn: reviews.at(-1)?.reviewedOn ?? null,
      counts: { school: mine.filter((o) => o.side === 'school').length, unit: mine.filter((o) => o.side === 'unit').length },
      counted: mine.map((o) => o._id).slice(-COUNTED_KEPT), createdAt: now, updatedAt: now
    })
  }
  return { files, observations }
}

/** Seeds the year's dual cultivation up to `now` (the seed's clock). */
export async function seedCultivation(server: App, year: string, cast: CultivationCast, options: { seed?: number; now?: Date; log?: (line: string) => void } = {}): Promise<CultivationSeedResult> {
  const now = options.now ?? new Date()
  const db = server.database()
  const _ = db.command
  const [people, groups, staff] = await Promise.all([
    readAllDocs<Cultivated>(server, 'people', { kind: 'student', year, politicalStatus: _.in(['activist', 'probationary']) }, { name: true, no: true, groupId: true, year: true, politicalStatus: true, activistSince: true }),
    readAllDocs<CultivationGroup>(server, 'groups', { year }, { advisorIds: true, unitContactIds: true }),
    readAllDocs<{ _id: string; name: string }>(server, 'people', { kind: _.in(['teacher', 'unitContact']) }, { name: true })
  ])
  const first = Number(year.slice(0, 4))
  const days: string[] = []
  for (let day = `${first}-07-01`; day <= chinaDay(now) && day < `${first + 1}-07-01`; day = addDays(day, 1)) days.push(day)
  const { files, observations } = generateCultivation(people, groups, new Map(staff.map((s) => [s._id, s.name])), days, now, cast, mulberry32((options.seed ?? 7) * 7919 + 29))
  await addInChunks(server, CV.cultivations, files)
  await addInChunks(server, CV.observations, observations)
  const complete = files.filter((f) => f.schoolContactId && f.unitContactId).map((f) => f._id)
  for (let i = 0; i < complete.length; i += 500) await db.collection('people').where({ _id: _.in(complete.slice(i, i + 500)) }).update({ contactsAssigned: true })
  const result = {
    files: files.length,
    withoutContacts: people.filter((p) => p.groupId).length - complete.length,
    observations: observations.length,
    reviews: files.reduce((n, f) => n + f.reviews.length, 0)
  }
  options.log?.(`dual cultivation: ${result.files} files, ${result.observations} observations, ${result.reviews} reviews, ${result.withoutContacts} still without both contacts`)
  return result
}
