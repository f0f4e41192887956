/**
 * Fills a CloudBase environment (the emulator) with the demo school: the generated roster
 * imported through `roster.import`, groups formed by `group.previewFormation` /
 * `applyFormation`, teachers and unit contacts invited, liaisons, advisors, unit contacts
 * and "1+10" circles assigned — all through the real cloud functions, as the branch would.
 * Only the first admin is written directly, as a deployment's bootstrap does.
 */
import tcb from '@cloudbase/node-sdk'
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../types/contract'
import type { Envelope } from '../../types/errors'
import { unitIdOf } from '../../cloudfunctions/roster/actions/import'
import { bootstrapAdmin } from '../bootstrap-admin'
import { generateDataset, rosterToCsv } from './data'

export const DEV_IDENTITIES = {
  admin: 'dev-admin',
  advisor: 'dev-advisor',
  unitContact: 'dev-contact',
  liaison: 'dev-liaison',
  member: 'dev-member',
  intern: 'dev-intern',
  unbound: 'dev-unbound'
} as const

export interface SeedOptions {
  /** the emulator's /admin URL */
  adminUrl: string
  interns?: number
  seed?: number
  log?: (line: string) => void
}

export interface SeedResult {
  interns: number
  groups: number
  teachers: number
  unitContacts: number
  timings: { importMs: number; previewMs: number; applyMs: number }
  /** a sample of each kind of person, for trying the product (and for benchmarks) */
  sample: { groupId: string; otherGroupId: string; liaisonId: string; internId: string; memberId: string; advisorId: string; unitContactId: string }
  identities: { openid: string; who: string }[]
}

type App = ReturnType<typeof tcb.init>

export function client(adminUrl: string, openid?: string): App {
  // Outside a cloud function the SDK would otherwise probe Tencent's metadata host on every call.
  process.env.TENCENTCLOUD = 'true'
  return tcb.init({ env: 'local', secretId: 'local', secretKey: 'local', serviceUrl: adminUrl, timeout: 120_000, ...(openid ? { headers: { 'x-emulator-openid': openid } } : {}) } as any)
}

export async function callAs<F extends FunctionName, A extends ActionName<F>>(app: App, fn: F, action: A, data: ActionInput<F, A> | Record<string, unknown> = {}): Promise<ActionOutput<F, A>> {
  const { result } = await app.callFunction({ name: fn, data: { action, data } })
  const r = result as Envelope<ActionOutput<F, A>>
  if (!r.ok) throw new Error(`${fn}.${String(action)}: ${r.error.code} ${r.error.message}`)
  return r.data
}

export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => undefined)
  const dataset = generateDataset({ seed: options.seed, interns: options.interns })
  const server = client(options.adminUrl)
  const db = server.database()
  const admin = client(options.adminUrl, DEV_IDENTITIES.admin)
  const now = new Date()

  const { total: existing } = await db.collection('people').count()
  if (existing) throw new Error('the database already holds people: seed an empty data folder')

  // Bootstrap: the branch's first administrator, who binds with the invite like anyone else.
  const first = await bootstrapAdmin(server, '党总支管理员', '13700000001')
  await callAs(admin, 'user', 'redeemInvite', { code: first.code })

  log(`importing ${dataset.roster.length} interns`)
  const { fileID } = await server.uploadFile({ cloudPath: `uploads/demo-roster-${now.getTime()}.csv`, fileContent: Buffer.from(rosterToCsv(dataset.roster)) })
  // Warm instances first, so the timings below are the actions' own.
  await callAs(admin, 'roster', 'list', { pageSize: 1 })
  await callAs(admin, 'group', 'list', { pageSize: 1 })
  let t = performance.now()
  const report = await callAs(admin, 'roster', 'import', { fileID })
  const importMs = performance.now() - t
  if (!report.written) throw new Error(`demo roster rejected: ${JSON.stringify(report.errors.slice(0, 3))}`)

  t = performance.now()
  const preview = await callAs(admin, 'group', 'previewFormation', {})
  const previewMs = performance.now() - t
  t = performance.now()
  const formed = await callAs(admin, 'group', 'applyFormation', { fingerprint: preview.fingerprint })
  const applyMs = performance.now() - t
  log(`formed ${formed.groups} groups, placed ${formed.placed}`)

  log(`inviting ${dataset.teachers.length} teachers and ${dataset.unitContacts.length} unit contacts`)
  const teacherIds: string[] = []
  const teacherCodes: string[] = []
  for (const tch of dataset.teachers) {
    const inv = await callAs(admin, 'user', 'createInvite', { kind: 'teacher', name: tch.name, phone: tch.phone })
    teacherIds.push(inv.personId)
    teacherCodes.push(inv.code)
  }
  const contactsByCity = new Map<string, { id: string; code: string }[]>()
  for (const c of dataset.unitContacts) {
    const inv = await callAs(admin, 'user', 'createInvite', { kind: 'unitContact', name: c.name, phone: c.phone, unitId: unitIdOf(c) })
    const key = `${c.province}|${c.city}`
    contactsByCity.set(key, [...(contactsByCity.get(key) ?? []), { id: inv.personId, code: inv.code }])
  }

  // Every group: liaison and core members from the suggestions, advisors, unit contacts, circles.
  const groups: { id: string; province: string; cities: string[] }[] = []
  for (let page = 1; ; page++) {
    const p = await callAs(admin, 'group', 'list', { page, pageSize: 100 })
    groups.push(...p.items.map((g) => ({ id: g.id, province: g.province, cities: g.cities })))
    if (groups.length >= p.total || !p.items.length) break
  }
  log(`assigning roles in ${groups.length} groups`)
  let liaisonId = ''
  let memberId = ''
  for (const [i, g] of groups.entries()) {
    const { candidates } = await callAs(admin, 'group', 'suggestLiaisons', { groupId: g.id })
    const liaison = candidates[0]?.id ?? null
    await callAs(admin, 'group', 'assignRoles', { groupId: g.id, liaisonId: liaison, coreMemberIds: candidates.slice(1, 3).map((c) => c.id) })
    if (i === 0) {
      liaisonId = liaison ?? ''
      memberId = candidates[3]?.id ?? candidates[1]?.id ?? ''
    }
    const advisors = [teacherIds[i % teacherIds.length], ...(i % 3 === 0 ? [teacherIds[(i + 17) % teacherIds.length]] : [])]
    await callAs(admin, 'group', 'assignAdvisors', { groupId: g.id, advisorIds: [...new Set(advisors)] })
    const contacts = g.cities.flatMap((city) => contactsByCity.get(`${g.province}|${city}`) ?? []).slice(0, 3)
    if (contacts.length) await callAs(admin, 'group', 'assignUnitContacts', { groupId: g.id, unitContactIds: contacts.map((c) => c.id) })
    await callAs(admin, 'circle', 'autoAssign', { groupId: g.id })
  }

  // Development identities bound to real people of the first group, through the real binding paths.
  const firstGroup = await callAs(admin, 'group', 'detail', { groupId: groups[0].id })
  const ordinary = firstGroup.members.find((m) => m.politicalStatus && !['member', 'probationary'].includes(m.politicalStatus) && m.id !== liaisonId)!
  const rosterEntry = async (personId: string) => {
    const { data } = await db.collection('people').doc(personId).field({ no: true, name: true }).get()
    return data[0] as { no: string; name: string }
  }
  for (const [openid, personId] of [[DEV_IDENTITIES.liaison, liaisonId], [DEV_IDENTITIES.member, memberId], [DEV_IDENTITIES.intern, ordinary.id]] as const) {
    const p = await rosterEntry(personId)
    await callAs(client(options.adminUrl, openid), 'user', 'bind', { studentNo: p.no, name: p.name })
  }
  const advisorIndex = 0
  await callAs(client(options.adminUrl, DEV_IDENTITIES.advisor), 'user', 'redeemInvite', { code: teacherCodes[advisorIndex] })
  const contact = firstGroup.unitContacts[0] ?? null
  const contactEntry = [...contactsByCity.values()].flat().find((c) => c.id === contact?.id) ?? [...contactsByCity.values()].flat()[0]
  await callAs(client(options.adminUrl, DEV_IDENTITIES.unitContact), 'user', 'redeemInvite', { code: contactEntry.code })

  return {
    interns: formed.placed,
    groups: formed.groups,
    teachers: teacherIds.length,
    unitContacts: [...contactsByCity.values()].flat().length,
    timings: { importMs, previewMs, applyMs },
    sample: {
      groupId: groups[0].id,
      otherGroupId: groups[1]?.id ?? groups[0].id,
      liaisonId,
      internId: ordinary.id,
      memberId,
      advisorId: teacherIds[advisorIndex],
      unitContactId: contactEntry.id
    },
    identities: [
      { openid: DEV_IDENTITIES.admin, who: '党总支管理员' },
      { openid: DEV_IDENTITIES.advisor, who: `指导教师（${firstGroup.name}等小组）` },
      { openid: DEV_IDENTITIES.unitContact, who: '实习单位带教老师党员' },
      { openid: DEV_IDENTITIES.liaison, who: `${firstGroup.name}联络员` },
      { openid: DEV_IDENTITIES.member, who: `${firstGroup.name}党员` },
      { openid: DEV_IDENTITIES.intern, who: `${firstGroup.name}普通同学` },
      { openid: DEV_IDENTITIES.unbound, who: '未绑定的微信用户' }
    ]
  }
}
