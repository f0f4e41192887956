/**
 * The demo school seeded through the real functions: everyone placed by the real
 * formation code, every group staffed, the development identities working.
 */
import path from 'node:path'
import { buildFunctions } from '../../scripts/build-functions'
import { localApp } from '../../scripts/client'
import { SEED_LESSONS } from '../../scripts/seed/lessons'
import { callerAs, DEV_IDENTITIES, seedDemo, SeedResult } from '../../scripts/seed/run'
import { openTestEnv, TestEnv } from '../helpers/cloudbase'

const root = path.resolve(__dirname, '../..')

describe('seeding the demo school', () => {
  let env: TestEnv
  let seeded: SeedResult
  beforeAll(async () => {
    buildFunctions()
    env = await openTestEnv({
      collectionsFile: path.join(root, 'database/collections.json'),
      cloudbaseRc: path.join(root, 'cloudbaserc.json'),
      functionsRoot: path.join(root, 'build/functions')
    })
    seeded = await seedDemo({ adminUrl: env.emulator!.adminUrl, interns: 600, seed: 11 })
  }, 120_000)
  afterAll(() => env.close())

  const as = (openid: string) => callerAs(env.emulator!.adminUrl, openid)

  it('places every intern and staffs every group', async () => {
    expect(seeded.interns).toBe(600)
    const admin = as(DEV_IDENTITIES.admin)
    expect((await admin('roster', 'list', { unassigned: true })).total).toBe(0)
    const groups = await admin('group', 'list', { pageSize: 100 })
    expect(groups.total).toBe(seeded.groups)
    for (const g of groups.items) {
      expect(g.advisorNames.length).toBeGreaterThan(0)
      if (g.counts.partyMembers > 0) expect(g.liaisonName).not.toBeNull()
    }
    expect(groups.items.reduce((n, g) => n + g.counts.total, 0)).toBe(600)
    // "1+10": every ordinary student has a mentor as far as the group's Party members can take them.
    for (const g of groups.items) {
      const c = await admin('circle', 'coverage', { groupId: g.id })
      expect(c.ordinary).toBe(g.counts.total - g.counts.partyMembers)
      expect(c.withMentor).toBe(Math.min(c.ordinary, 10 * g.counts.partyMembers))
    }
  })

  it('binds the development identities to people of the right kind', async () => {
    expect((await as(DEV_IDENTITIES.admin)('user', 'me')).roles).toContain('admin')
    expect((await as(DEV_IDENTITIES.liaison)('user', 'me')).roles).toEqual(['intern', 'liaison'])
    expect((await as(DEV_IDENTITIES.advisor)('user', 'me')).advisorOf.length).toBeGreaterThan(0)
    expect((await as(DEV_IDENTITIES.unitContact)('user', 'me')).roles).toEqual(['unitContact'])
    const intern = await as(DEV_IDENTITIES.intern)('user', 'me')
    expect(intern.roles).toEqual(['intern'])
    expect(['activist', 'applicant', 'masses']).toContain(intern.person?.politicalStatus)
    expect((await as(DEV_IDENTITIES.unbound)('user', 'me')).bound).toBe(false)
    const badge = await as(DEV_IDENTITIES.member)('badge', 'get')
    expect(['member', 'probationary']).toContain(badge.politicalStatus)
  })

  it('publishes the lessons whose day has come, dated over the year, with figures that add up to their readings', async () => {
    const { lessons } = seeded
    expect(lessons.published + lessons.scheduled).toBe(SEED_LESSONS.length)
    expect(lessons.published).toBeGreaterThan(0)
    const intern = as(DEV_IDENTITIES.intern)
    const list = await intern('lesson', 'list', { pageSize: 50 })
    // Teachers see every published lesson; the intern those of their group, newest first, the newest two unread.
    const all = await as(DEV_IDENTITIES.advisor)('lesson', 'list', { pageSize: 50 })
    expect(all.items).toHaveLength(lessons.published)
    const times = list.items.map((l) => l.publishedAt)
    expect([...times].sort().reverse()).toEqual(times)
    expect(list.items.slice(0, 2).map((l) => l.read)).toEqual([false, false])
    expect(list.items.filter((l) => l.read).length).toBeGreaterThan(0)
    // Each lesson's figures are what its readings make: totals and group rows alike.
    const db = localApp(env.emulator!.adminUrl).database()
    const rates: number[] = []
    for (const item of all.items) {
      const figures = await as(DEV_IDENTITIES.admin)('lesson', 'figures', { lessonId: item.id })
      const { data: reads } = await db.collection('lessonReads').where({ lessonId: item.id }).limit(1000).get() as { data: { groupId: string | null; quiz: { score: number } | null }[] }
      expect(figures.totals.read).toBe(reads.filter((r) => r.groupId).length)
      expect(figures.totals.answered).toBe(reads.filter((r) => r.groupId && r.quiz).length)
      expect(figures.groups.reduce((n, g) => n + g.read, 0)).toBe(figures.totals.read)
      rates.push(figures.totals.readRate)
    }
    // Realistic proportions: most read, not everyone.
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length
    expect(mean).toBeGreaterThan(0.4)
    expect(mean).toBeLessThan(0.9)
  })

  it('gives people under cultivation their contacts, observations and reviews as the cultivation function keeps them', async () => {
    const { cultivation } = seeded
    expect(cultivation.files).toBeGreaterThan(0)
    expect(cultivation.observations).toBeGreaterThan(cultivation.files)
    const admin = as(DEV_IDENTITIES.admin)
    const rows = []
    for (let cursor: string | undefined; ;) {
      const page = await admin('cultivation', 'list', { pageSize: 100, ...(cursor ? { cursor } : {}) })
      rows.push(...page.items)
      if (!page.nextCursor) {
        expect(page.total).toBe(rows.length)
        break
      }
      cursor = page.nextCursor
    }
    expect((await admin('cultivation', 'list', { pageSize: 100, withoutContacts: true })).total).toBe(cultivation.withoutContacts)
    const db = localApp(env.emulator!.adminUrl).database()
    for (const row of rows) {
      const { data } = await db.collection('observations').where({ personId: row.personId }).limit(100).get() as { data: { side: string; date: string }[] }
      expect(row.counts).toEqual({ school: data.filter((o) => o.side === 'school').length, unit: data.filter((o) => o.side === 'unit').length })
      // Reviews recorded so far move the next one past the last.
      if (row.lastReviewOn && row.nextReview) expect(row.nextReview.dueOn > row.lastReviewOn).toBe(true)
    }
    // The development advisor is school contact of the demo group's activists and probationary members, the development unit contact their unit contact.
    const advisor = await as(DEV_IDENTITIES.advisor)('user', 'me')
    const theirs = await as(DEV_IDENTITIES.advisor)('cultivation', 'list', { scope: 'contacts', pageSize: 100 })
    expect(theirs.items.length).toBeGreaterThan(0)
    for (const row of theirs.items) expect(row.contacts.school?.id).toBe(advisor.person!.id)
    const demo = theirs.items.filter((r) => r.groupId === seeded.sample.groupId)
    expect(demo.length).toBeGreaterThan(0)
    for (const row of demo) expect((await as(DEV_IDENTITIES.unitContact)('cultivation', 'get', { personId: row.personId })).canObserve).toBe('unit')
  })

  it('writes the journal with inbox entries and counts that agree with the notes, and the development intern\'s notes', async () => {
    const db = localApp(env.emulator!.adminUrl).database()
    const readAll = async (c: string): Promise<any[]> => {
      const out: any[] = []
      for (let skip = 0; ; skip += 1000) {
        const { data } = await db.collection(c).orderBy('_id', 'asc').skip(skip).limit(1000).get()
        out.push(...data)
        if (data.length < 1000) return out
      }
    }
    const [notes, inbox, groups] = await Promise.all([readAll('notes'), readAll('noteInbox'), readAll('groups')])
    const { journal } = seeded
    expect(notes).toHaveLength(journal.notes)
    expect(inbox).toHaveLength(journal.inboxEntries)
    expect(journal.notes / 600).toBeGreaterThan(2)
    expect(journal.notes / 600).toBeLessThan(3)
    const share = (v: string) => notes.filter((n) => n.visibility === v).length / notes.length
    expect(share('private')).toBeGreaterThan(0.45)
    expect(share('group')).toBeGreaterThan(0.08)
    expect(notes.filter((n) => n.lessonId).length / notes.length).toBeGreaterThan(0.25)
    // Each note's counters and its advisors' entries are what the function keeps.
    const advisorsOf = new Map(groups.map((g) => [g._id, g.advisorIds as string[]]))
    const entriesOf = new Map<string, any[]>()
    for (const e of inbox) entriesOf.set(e.noteId, [...(entriesOf.get(e.noteId) ?? []), e])
    for (const n of notes) {
      expect(n.commentCount).toBe(n.comments.length)
      expect(n.unread).toBeLessThanOrEqual(n.commentCount)
      expect(n.groupFeed).toBe(n.visibility === 'group' ? n.groupId : null)
      const entries = entriesOf.get(n._id) ?? []
      expect(entries.map((e) => e.advisorId).sort()).toEqual([...(advisorsOf.get(n.groupId) ?? [])].sort())
      for (const e of entries) {
        expect(e.shared).toBe(n.visibility !== 'private')
        expect(e.key).toBe(`${e.read ? 1 : 0}:${n.key}`)
        if (n.comments.some((c: any) => c.authorId === e.advisorId)) expect(e.read).toBe(true)
      }
    }
    expect(journal.comments).toBe(notes.reduce((k, n) => k + n.commentCount, 0))
    // Through the functions: the development intern's notes, one commented; the advisor's inbox holds what their groups shared.
    const mine = await as(DEV_IDENTITIES.intern)('journal', 'mine', { pageSize: 20 })
    expect(mine.total).toBeGreaterThanOrEqual(3)
    const commented = mine.items.find((i) => i.commentCount > 0)!
    expect(commented.unread).toBe(1)
    expect((await as(DEV_IDENTITIES.intern)('journal', 'get', { noteId: commented.id })).comments[0].authorRole).toBe('指导教师')
    const advisor = await as(DEV_IDENTITIES.advisor)('user', 'me')
    const shared = await as(DEV_IDENTITIES.advisor)('journal', 'shared', { pageSize: 100 })
    expect(shared.total).toBe(notes.filter((n) => n.visibility !== 'private' && advisor.advisorOf.includes(n.groupId)).length)
    expect(shared.items.map((i) => i.unread)).toEqual([...shared.items.map((i) => i.unread)].sort((a, b) => b - a))
  })

  it('seeds questions to advisors as the function stores them, some waiting too long, and the development identities\' own', async () => {
    const db = localApp(env.emulator!.adminUrl).database()
    const questions: any[] = []
    for (let skip = 0; ; skip += 1000) {
      const { data } = await db.collection('questions').orderBy('_id', 'asc').skip(skip).limit(1000).get()
      questions.push(...data)
      if (data.length < 1000) break
    }
    const { data: groups } = await db.collection('groups').limit(1000).get()
    const groupOf = new Map((groups as any[]).map((g) => [g._id, g]))
    expect(questions).toHaveLength(seeded.questions.questions)
    expect(seeded.questions.questions / 600).toBeGreaterThan(0.3)
    expect(seeded.questions.questions / 600).toBeLessThan(0.7)
    expect(seeded.questions.answered / seeded.questions.questions).toBeGreaterThan(0.6)
    expect(seeded.questions.shared / seeded.questions.questions).toBeGreaterThan(0.2)
    const DAY = 86_400_000
    expect(questions.filter((q) => q.status === 'open' && Date.now() - new Date(q.askedAt).getTime() > 3 * DAY).length).toBeGreaterThan(0)
    for (const q of questions) {
      // Asked of one of the asker's group's advisors; answered once, by them, after it was asked; keys as the function keeps them.
      expect(groupOf.get(q.groupId).advisorIds).toContain(q.advisorId)
      expect(q.status === 'answered').toBe(q.answer !== null)
      if (q.answer) {
        expect(q.answer.by).toBe(q.advisorId)
        expect(new Date(q.answeredAt).getTime()).toBeGreaterThan(new Date(q.askedAt).getTime())
        expect(q.inboxKey.startsWith('1:')).toBe(true)
        expect(q.feedKey).toBe(q.inboxKey.slice(2))
      } else {
        expect(q.inboxKey.startsWith('0:')).toBe(true)
        expect(q.feedKey).toBeNull()
      }
    }
    // Through the functions: the intern's three, one waiting; the advisor's inbox opens with the longest waiting, overdue; the group's shared answers.
    const mine = await as(DEV_IDENTITIES.intern)('question', 'mine', {})
    expect(mine.items.map((q) => q.status)).toEqual(['open', 'answered', 'answered'])
    const inbox = await as(DEV_IDENTITIES.advisor)('question', 'inbox', {})
    expect(inbox.open).toBeGreaterThanOrEqual(3)
    expect(inbox.items[0]).toMatchObject({ status: 'open', overdue: true })
    const groupId = (await as(DEV_IDENTITIES.intern)('user', 'me')).person!.groupId!
    const feed = await as(DEV_IDENTITIES.liaison)('question', 'groupFeed', { groupId })
    expect(feed.items.length).toBeGreaterThan(0)
    expect((await as(DEV_IDENTITIES.advisor)('user', 'home', {})).home).toMatchObject({ view: 'staff', openQuestions: inbox.open })
  })
})
