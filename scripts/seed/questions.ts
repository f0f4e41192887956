/**
 * The demo school's questions to advisors over the internship year so far: about two in
 * five interns asked one (a few two), 60% professional and 40% ideological, a third
 * shared with the group; most are answered within days, the recent ones less often, and
 * the advisors of some groups (every twelfth teacher) let them wait, so the inbox and the
 * branch's alerts have overdue questions to show. Written in bulk, exactly as the
 * `question` function stores them. The development intern has a shared answered
 * question, a private answered one and an open one; the development advisor has open
 * questions from the demo group, one overdue.
 */
import { answeredInboxKey, askerKey, feedKeyOf, openInboxKey, QuestionDoc, questionId } from '../../cloudfunctions/question/model'
import type { QuestionKind } from '../../types/questions'
import type { App } from '../client'
import { addInChunks, readAllDocs } from './bulk'
import { mulberry32 } from './data'

const DAY_MS = 86_400_000

export interface QuestionSeedResult {
  questions: number
  answered: number
  shared: number
}

interface Intern { _id: string; name: string; groupId: string | null; openid: string | null }
interface Group { _id: string; year: string; advisorIds: string[]; advisorNames: string[] }

const QUESTIONS: Record<QuestionKind, string[]> = {
  professional: [
    '遇到家属情绪激动、反复追问病情时，实习生应该怎样回应比较合适？',
    '轮转到新科室后总觉得跟不上查房节奏，有什么快速熟悉病种的方法吗？',
    '写病程记录时总被带教老师指出重点不突出，应该怎样组织内容？',
    '夜班时遇到患者突发不适，在上级医生到来之前实习生能做哪些处理？',
    '实习期间想准备执业医师考试，怎样平衡临床工作和复习时间？',
    '操作时因为紧张手抖，怎样尽快克服心理压力？',
    '和护士老师沟通医嘱时出现分歧，应该怎样处理？'
  ],
  ideological: [
    '作为入党积极分子，实习期间离开学校，怎样按时参加组织生活？',
    '思想汇报应该怎样结合实习中的经历来写，才不流于形式？',
    '看到个别医务人员态度冷漠，心里有些失落，应该怎样看待？',
    '实习压力大，有时会怀疑自己是否适合从医，想听听老师的建议。',
    '在基层医院实习，怎样在平凡的岗位上践行为人民服务的宗旨？',
    '党小组学习和科室工作时间冲突时，应该怎样安排？'
  ]
}

const ANSWERS: Record<QuestionKind, string[]> = {
  professional: [
    '先认真倾听，让家属把担心说完，再用通俗的话说明目前掌握的情况；涉及诊断和预后的问题，请家属和主管医生当面沟通，不要自己下结论。',
    '建议每天下班前把当天的病例按“主诉—诊断—处理”整理一遍，每周挑一个常见病系统看一遍指南，坚持一个月就会明显不同。',
    '先写清楚病情变化和依据，再写处理和下一步计划；可以找几份带教老师认可的病历对照着改，注意每段只说一件事。',
    '保持冷静，先评估生命体征、确保安全，立即呼叫上级医生，同时做好记录；超出职责的处理不要擅自进行。',
    '把复习拆到每天的碎片时间，临床遇到的病例就是最好的复习材料；周末集中做题查漏补缺，注意休息。'
  ],
  ideological: [
    '实习期间编入实习党小组过组织生活，按时参加小组的学习和活动，有困难及时向联络员和我说明，思想汇报照常按时提交。',
    '思想汇报贵在真实：写一件触动你的具体事情，说清楚你的思考和今后怎么做，比空泛的表态更有分量。',
    '看到不足时更要坚定自己的选择，把失落化为动力，从自己做起，用耐心和责任感对待每一位患者。',
    '有这样的思考说明你在认真对待这份职业。多和带教老师、同学交流，也可以找我当面聊一聊，我们一起想办法。',
    '为人民服务就体现在每一次耐心的解释、每一次细致的操作中，把小事做好就是最好的践行。'
  ]
}

const pick = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)]

interface Asked { asker: Intern; group: Group; at: Date; kind: QuestionKind; shared: boolean; advisorIndex: number; answeredAfter: number | null; n: number }

/** A question as the function stores it. */
function stored(q: Asked, rnd: () => number): QuestionDoc {
  const requestId = `seed-q-${q.n}`
  const _id = questionId(q.asker._id, requestId)
  const advisorId = q.group.advisorIds[q.advisorIndex]
  const advisorName = q.group.advisorNames[q.advisorIndex] ?? '指导教师'
  const answeredAt = q.answeredAfter === null ? null : new Date(q.at.getTime() + q.answeredAfter)
  return {
    _id, requestIds: answeredAt ? [requestId, `${requestId}-a`] : [requestId], year: q.group.year, groupId: q.group._id,
    askerId: q.asker._id, askerName: q.asker.name, askerOpenid: q.asker.openid, advisorId, advisorName,
    kind: q.kind, body: pick(QUESTIONS[q.kind], rnd), visibility: q.shared ? 'group' : 'private',
    status: answeredAt ? 'answered' : 'open', askedAt: q.at,
    answer: answeredAt ? { body: pick(ANSWERS[q.kind], rnd), answeredAt, by: advisorId, byName: advisorName } : null,
    answeredAt,
    key: askerKey(q.at, _id),
    inboxKey: answeredAt ? answeredInboxKey(answeredAt, _id) : openInboxKey(q.at, _id),
    feedKey: answeredAt ? feedKeyOf(answeredAt, _id) : null
  }
}

/** How long after asking the advisor answers, or null: recent questions less often; the slow advisors not at all. */
function answeredAfter(at: Date, now: Date, slow: boolean, rnd: () => number): number | null {
  if (slow) return null
  const age = now.getTime() - at.getTime()
  const chance = age > 10 * DAY_MS ? 0.93 : age > 3 * DAY_MS ? 0.7 : 0.4
  if (rnd() >= chance) return null
  const delay = Math.min(rnd() ** 2 * 6 * DAY_MS + 30 * 60_000, age - 10 * 60_000)
  return delay > 0 ? delay : null
}

/**
 * Seeds the questions of every placed intern of `year`; `dev` (the development intern, the
 * demo group and its development advisor) gets the questions described above.
 */
export async function seedQuestions(server: App, year: string, dev: { internId: string; groupId: string; advisorId: string },
  options: { seed?: number; now?: Date; log?: (line: string) => void } = {}): Promise<QuestionSeedResult> {
  const rnd = mulberry32((options.seed ?? 1) * 104_729 + 31)
  const now = options.now ?? new Date()
  const yearStart = new Date(`${year.slice(0, 4)}-07-01T08:00:00+08:00`)
  const from = yearStart < now ? Math.max(yearStart.getTime(), now.getTime() - 365 * DAY_MS) : now.getTime() - 180 * DAY_MS
  const span = now.getTime() - DAY_MS - from
  const [interns, groups] = await Promise.all([
    readAllDocs<Intern>(server, 'people', { kind: 'student', year }, { name: true, groupId: true, openid: true }),
    readAllDocs<Group>(server, 'groups', { year }, { year: true, advisorIds: true, advisorNames: true })
  ])
  const groupById = new Map(groups.map((g) => [g._id, g]))
  const teachers = [...new Set(groups.flatMap((g) => g.advisorIds))].sort()
  const slowTeachers = new Set(teachers.filter((_, i) => i % 12 === 5 && !groups.some((g) => g._id === dev.groupId && g.advisorIds.includes(teachers[i]))))
  const asked: Asked[] = []
  let n = 0
  for (const asker of interns) {
    const group = asker.groupId ? groupById.get(asker.groupId) : undefined
    if (!group?.advisorIds.length || asker._id === dev.internId) continue
    const count = rnd() < 0.4 ? (rnd() < 0.2 ? 2 : 1) : 0
    for (let k = 0; k < count; k++) {
      const at = new Date(from + Math.floor(rnd() * span))
      const advisorIndex = Math.floor(rnd() * group.advisorIds.length)
      const slow = slowTeachers.has(group.advisorIds[advisorIndex])
      asked.push({ asker, group, at, kind: rnd() < 0.6 ? 'professional' : 'ideological', shared: rnd() < 0.34, advisorIndex, answeredAfter: answeredAfter(at, now, slow, rnd), n: n++ })
    }
  }
  asked.push(...devQuestions(interns, groupById, dev, now, () => n++))
  const docs = asked.map((q) => stored(q, rnd))
  await addInChunks(server, 'questions', docs)
  options.log?.(`questions: ${docs.length}, ${docs.filter((d) => d.status === 'answered').length} answered`)
  return { questions: docs.length, answered: docs.filter((d) => d.status === 'answered').length, shared: docs.filter((d) => d.visibility === 'group').length }
}

/** The development intern's three questions, and open ones from two of their group's members for the development advisor (one overdue). */
function devQuestions(interns: Intern[], groupById: Map<string, Group>, dev: { internId: string; groupId: string; advisorId: string }, now: Date, next: () => number): Asked[] {
  const group = groupById.get(dev.groupId)
  const intern = interns.find((p) => p._id === dev.internId)
  const advisorIndex = group?.advisorIds.indexOf(dev.advisorId) ?? -1
  if (!group || !intern || advisorIndex < 0) return []
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS)
  const peers = interns.filter((p) => p.groupId === dev.groupId && p._id !== dev.internId && !p.openid).slice(0, 2)
  return [
    { asker: intern, group, at: ago(12), kind: 'ideological', shared: true, advisorIndex, answeredAfter: 2 * DAY_MS, n: next() },
    { asker: intern, group, at: ago(6), kind: 'professional', shared: false, advisorIndex, answeredAfter: DAY_MS / 2, n: next() },
    { asker: intern, group, at: ago(2.2), kind: 'professional', shared: false, advisorIndex, answeredAfter: null, n: next() },
    ...peers.map((asker, i): Asked => ({ asker, group, at: ago(i === 0 ? 5.3 : 0.8), kind: i === 0 ? 'ideological' : 'professional', shared: i === 0, advisorIndex, answeredAfter: null, n: next() }))
  ]
}
