/**
 * Fills a CloudBase environment (the emulator) with the demo school: the generated roster
 * imported through `roster.import`, groups formed by `group.previewFormation` /
 * `applyFormation`, teachers and unit contacts invited, liaisons, advisors, unit contacts
 * and "1+10" circles assigned, micro Party lessons published — all through the real cloud
 * functions, as the branch would (lessons' past readings, the study journal, activity
 * check-ins, volunteer service, questions to advisors and talks are written in bulk, as the functions store them).
 * Only the first admin is written directly, as a deployment's bootstrap does.
 */
import { DEV_IDENTITIES } from '../../types/demo'
import { isPartyMember } from '../../types/domain'
import type { Call } from '../../types/client'
import { unitIdOf } from '../../cloudfunctions/roster/units'
import { bootstrapAdmin } from '../bootstrap-admin'
import { App, clientFor, localApp } from '../client'
import { CultivationSeedResult, seedCultivation } from './cultivation'
import { generateDataset, rosterToCsv, SeedDataset } from './data'
import { GroupLifeSeedResult, seedGroupLife } from './groupLife'
import { JournalSeedResult, seedJournal } from './journal'
import { LessonSeedResult, seedLessons } from './lessonActivity'
import { QuestionSeedResult, seedQuestions } from './questions'
import { seedTalks, TalkSeedResult } from './talks'

export { DEV_IDENTITIES }

export interface SeedOptions {
  /** the emulator's /admin URL */
  adminUrl: string
  interns?: number
  seed?: number
  /** progress lines, a handful per run */
  log?: (line: string) => void
}

export interface SeedResult {
  interns: number
  groups: number
  teachers: number
  unitContacts: number
  timings: { importMs: number; previewMs: number; applyMs: number }
  lessons: LessonSeedResult
  journal: JournalSeedResult
  groupLife: GroupLifeSeedResult
  questions: QuestionSeedResult
  talks: TalkSeedResult
  cultivation: CultivationSeedResult
  /** a sample of each kind of person, for trying the product (and for benchmarks) */
  sample: { groupId: string; otherGroupId: string; liaisonId: string; internId: string; memberId: string; advisorId: string; unitContactId: string }
  identities: { openid: string; who: string }[]
}

interface Invited { id: string; code: string }
interface Staff { teachers: Invited[]; contactsByCity: Map<string, Invited[]> }
interface GroupRef { id: string; province: string; cities: string[] }

/** The typed caller for the emulator at `adminUrl`, as the WeChat user `openid`. */
export const callerAs = (adminUrl: string, openid: string): Call => clientFor(localApp(adminUrl, openid))

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now()
  const value = await fn()
  return [value, performance.now() - t]
}

const ADMIN_NAME = '党总支管理员'

/** The branch's first administrator, bootstrapped as a deployment does, who binds like anyone else. */
async function bootstrapBranch(server: App, admin: Call): Promise<{ id: string; name: string }> {
  const { total } = await server.database().collection('people').count()
  if (total) throw new Error('the database already holds people: seed an empty data folder')
  const first = await bootstrapAdmin(server, ADMIN_NAME, '13700000001')
  await admin('user', 'redeemInvite', { code: first.code })
  return { id: first.personId, name: ADMIN_NAME }
}

/** Uploads and imports the roster (one internship year), then previews and applies that year's formation. */
async function importAndForm(server: App, admin: Call, dataset: SeedDataset, log: (l: string) => void) {
  log(`importing ${dataset.roster.length} interns`)
  const { fileID } = await server.uploadFile({ cloudPath: `uploads/demo-roster-${Date.now()}.csv`, fileContent: Buffer.from(rosterToCsv(dataset.roster)) })
  // Warm instances first, so the timings below are the actions' own.
  await admin('roster', 'list', { pageSize: 1 })
  await admin('group', 'list', { pageSize: 1 })
  // An import that runs out of time says how many rows remain; importing again continues.
  let [report, importMs] = await timed(() => admin('roster', 'import', { fileID }))
  while (report.written && report.remaining > 0) {
    const [more, ms] = await timed(() => admin('roster', 'import', { fileID }))
    report = more
    importMs += ms
  }
  if (!report.written || !report.year) throw new Error(`demo roster rejected: ${JSON.stringify(report.errors.slice(0, 3))}`)
  const year = report.year
  const [preview, previewMs] = await timed(() => admin('group', 'previewFormation', { year }))
  const [formed, applyMs] = await timed(() => admin('group', 'applyFormation', { year, fingerprint: preview.fingerprint }))
  log(`formed ${formed.groups} groups for ${year}, placed ${formed.placed} interns`)
  return { year, formed, timings: { importMs, previewMs, applyMs } }
}

/** Invites the teachers and the unit contacts; contacts are kept by their unit's city. */
async function inviteStaff(admin: Call, dataset: SeedDataset, log: (l: string) => void): Promise<Staff> {
  log(`inviting ${dataset.teachers.length} teachers and ${dataset.unitContacts.length} unit contacts`)
  const teachers: Invited[] = []
  for (const t of dataset.teachers) {
    const inv = await admin('user', 'createInvite', { kind: 'teacher', name: t.name, phone: t.phone })
    teachers.push({ id: inv.personId, code: inv.code })
  }
  const contactsByCity = new Map<string, Invited[]>()
  for (const c of dataset.unitContacts) {
    const inv = await admin('user', 'createInvite', { kind: 'unitContact', name: c.name, phone: c.phone, unitId: unitIdOf(c) })
    const key = `${c.province}|${c.city}`
    contactsByCity.set(key, [...(contactsByCity.get(key) ?? []), { id: inv.personId, code: inv.code }])
  }
  return { teachers, contactsByCity }
}

async function allGroups(admin: Call): Promise<GroupRef[]> {
  const groups: GroupRef[] = []
  for (let cursor: string | undefined; ;) {
    const p = await admin('group', 'list', { cursor, pageSize: 100 })
    groups.push(...p.items.map((g) => ({ id: g.id, province: g.province, cities: g.cities })))
    if (p.nextCursor === null) return groups
    cursor = p.nextCursor
  }
}

/** The group the development identities belong to, and its people who play each student role. */
interface DemoGroup { groupId: string; liaisonId: string; coreMemberId: string; memberId: string }

/**
 * Every group: liaison and core members from the suggestions, advisors, unit contacts of
 * its cities, circles. Returns the demo group: the first with a liaison, a core member and
 * a Party member who is neither (four Party members at least).
 */
async function staffGroups(admin: Call, groups: GroupRef[], staff: Staff, log: (l: string) => void): Promise<DemoGroup> {
  let demo: DemoGroup | null = null
  const step = Math.max(1, Math.ceil(groups.length / 4))
  for (const [i, g] of groups.entries()) {
    if (i % step === 0) log(`staffing groups: ${i}/${groups.length}`)
    const { candidates } = await admin('group', 'suggestLiaisons', { groupId: g.id })
    const liaison = candidates[0]?.id ?? null
    await admin('group', 'assignRoles', { groupId: g.id, liaisonId: liaison, coreMemberIds: candidates.slice(1, 3).map((c) => c.id) })
    if (!demo && candidates.length >= 4) demo = { groupId: g.id, liaisonId: candidates[0].id, coreMemberId: candidates[1].id, memberId: candidates[3].id }
    const t = staff.teachers
    const advisors = [t[i % t.length].id, ...(i % 3 === 0 ? [t[(i + 17) % t.length].id] : [])]
    await admin('group', 'assignAdvisors', { groupId: g.id, advisorIds: [...new Set(advisors)] })
    const contacts = g.cities.flatMap((city) => staff.contactsByCity.get(`${g.province}|${city}`) ?? []).slice(0, 3)
    if (contacts.length) await admin('group', 'assignUnitContacts', { groupId: g.id, unitContactIds: contacts.map((c) => c.id) })
    await admin('circle', 'autoAssign', { groupId: g.id })
  }
  log(`staffed ${groups.length} groups`)
  if (!demo) throw new Error('no group has four Party members to play the demo roles')
  return demo
}

/** Development identities bound to real people of the demo group, through the real binding paths. */
async function bindDevIdentities(server: App, adminUrl: string, admin: Call, demo: DemoGroup, staff: Staff) {
  const group = await admin('group', 'detail', { groupId: demo.groupId })
  const ordinary = group.members.find((m) => m.kind === 'student' && m.politicalStatus && !isPartyMember(m.politicalStatus))!
  const students = [[DEV_IDENTITIES.liaison, demo.liaisonId], [DEV_IDENTITIES.coreMember, demo.coreMemberId], [DEV_IDENTITIES.member, demo.memberId], [DEV_IDENTITIES.intern, ordinary.id]] as const
  for (const [openid, personId] of students) {
    const { data } = await server.database().collection('people').doc(personId).field({ no: true, name: true }).get()
    const p = data[0] as { no: string; name: string }
    await callerAs(adminUrl, openid)('user', 'bind', { studentNo: p.no, name: p.name })
  }
  // The teacher who advises the demo group, so that the advisor sees the same group.
  const advisor = staff.teachers.find((t) => t.id === group.advisors[0]?.id) ?? staff.teachers[0]
  await callerAs(adminUrl, DEV_IDENTITIES.advisor)('user', 'redeemInvite', { code: advisor.code })
  const contacts = [...staff.contactsByCity.values()].flat()
  const contact = contacts.find((c) => c.id === group.unitContacts[0]?.id) ?? contacts[0]
  await callerAs(adminUrl, DEV_IDENTITIES.unitContact)('user', 'redeemInvite', { code: contact.code })
  return {
    group,
    sample: { internId: ordinary.id, advisorId: advisor.id, unitContactId: contact.id },
    identities: [
      { openid: DEV_IDENTITIES.admin, who: '党总支管理员' },
      { openid: DEV_IDENTITIES.advisor, who: `指导教师（${group.name}等小组）` },
      { openid: DEV_IDENTITIES.unitContact, who: '实习单位带教老师党员' },
      { openid: DEV_IDENTITIES.liaison, who: `${group.name}联络员` },
      { openid: DEV_IDENTITIES.coreMember, who: `${group.name}骨干` },
      { openid: DEV_IDENTITIES.member, who: `${group.name}党员` },
      { openid: DEV_IDENTITIES.intern, who: `${group.name}普通同学` },
      { openid: DEV_IDENTITIES.unbound, who: '未绑定的微信用户' }
    ]
  }
}

export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => undefined)
  const dataset = generateDataset({ seed: options.seed, interns: options.interns })
  const server = localApp(options.adminUrl)
  const admin = callerAs(options.adminUrl, DEV_IDENTITIES.admin)

  const branchAdmin = await bootstrapBranch(server, admin)
  const { year, formed, timings } = await importAndForm(server, admin, dataset, log)
  const staff = await inviteStaff(admin, dataset, log)
  const groups = await allGroups(admin)
  const demo = await staffGroups(admin, groups, staff, log)
  const dev = await bindDevIdentities(server, options.adminUrl, admin, demo, staff)
  // One "today" for every part of the school, so that lessons, notes and activities agree.
  const now = new Date()
  const lessons = await seedLessons(server, admin, year, { seed: options.seed, now, log })
  const journal = await seedJournal(server, year, dev.sample, { seed: options.seed, now, log })
  const devPeople = { groupId: demo.groupId, liaisonId: demo.liaisonId, memberId: demo.memberId, internId: dev.sample.internId, advisorId: dev.sample.advisorId }
  const groupLife = await seedGroupLife(server, year, devPeople, { seed: options.seed, now, log })
  const questions = await seedQuestions(server, year, { internId: dev.sample.internId, groupId: demo.groupId, advisorId: dev.sample.advisorId }, { seed: options.seed, now, log })
  const talks = await seedTalks(server, year, devPeople, { seed: options.seed, now, log })
  const cast = { groupId: demo.groupId, advisorId: dev.sample.advisorId, unitContactId: dev.sample.unitContactId, admin: branchAdmin }
  const cultivation = await seedCultivation(server, year, cast, { seed: options.seed, now, log })

  // The alerts as the daily job leaves them each morning, over the records just seeded.
  const fired = await fetch(new URL('/_emulator/triggers/oversight/dailyAlerts', options.adminUrl), { method: 'POST' })
  if (!fired.ok) throw new Error(`the daily alerts job failed: ${fired.status} ${await fired.text()}`)
  log('alerts: rebuilt by the daily job')

  return {
    interns: formed.placed,
    groups: formed.groups,
    teachers: staff.teachers.length,
    unitContacts: [...staff.contactsByCity.values()].flat().length,
    timings,
    lessons,
    journal,
    groupLife,
    questions,
    talks,
    cultivation,
    sample: { groupId: demo.groupId, otherGroupId: groups.find((g) => g.id !== demo.groupId)?.id ?? demo.groupId, liaisonId: demo.liaisonId, memberId: demo.memberId, ...dev.sample },
    identities: dev.identities
  }
}
