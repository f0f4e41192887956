/**
 * The journal's lists and what follows a comment: my notes page by page, newest first,
 * searched by text; the advisor's inbox unread first then newest, opened notes read and
 * an edit unread again; comments once per request, counted unread for the author, who
 * gets one message per acceptance; the year's export.
 */
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { OPENID } from './fixture'
import { noteInput, rid, useJournalHarness, writeNote } from './journalWorld'
import { outbox } from './lessonWorld'
import type { Harness } from './harness'

/** Every item of a list, page by page. */
async function allPages<T extends { id: string }>(h: Harness, openid: string, action: 'mine' | 'shared' | 'group', input: Record<string, unknown>): Promise<T[]> {
  const out: T[] = []
  let cursor: string | null | undefined
  do {
    const page = await h.ok(openid, 'journal', action, { ...input, ...(cursor ? { cursor } : {}) }) as unknown as { items: T[]; nextCursor: string | null }
    out.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return out
}

const WORDS = ['党章', '查房', '患者', '党史', '志愿服务', '医德']

describe('journal: lists', () => {
  const h = useJournalHarness()

  it('pages my notes newest first and finds those holding a generated keyword, case and page size aside', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.subarray(WORDS, { minLength: 0, maxLength: 3 }), { minLength: 3, maxLength: 9 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom(...WORDS),
      async (noteWords, pageSize, keyword) => {
        const db = h.app.database()
        await db.collection('notes').where({ _id: db.command.exists(true) }).remove()
        const made: { id: string; body: string }[] = []
        for (const [i, words] of noteWords.entries()) {
          made.push(await writeNote(h, { body: `第${i}篇 Note：${words.join('，') || '今天很忙'}。` }))
          await new Promise((r) => setTimeout(r, 2))
        }
        await writeNote(h, { body: `别人的笔记：${keyword}` }, OPENID.liaisonA)
        const newestFirst = [...made].reverse()
        expect((await allPages(h, OPENID.internA, 'mine', { pageSize })).map((n) => n.id)).toEqual(newestFirst.map((n) => n.id))
        const found = await allPages(h, OPENID.internA, 'mine', { pageSize, keyword })
        expect(found.map((n) => n.id)).toEqual(newestFirst.filter((n) => n.body.includes(keyword)).map((n) => n.id))
        expect((await h.ok(OPENID.internA, 'journal', 'mine', { keyword: 'note' })).total).toBe(made.length)
        expect((await h.ok(OPENID.internA, 'journal', 'mine', { keyword: '.*' })).items).toEqual([])
      }), { numRuns: 5 })
  })

  it('orders the inbox unread first then newest, marks a note read when opened and unread again when edited; shows the group\'s name', async () => {
    const notes = []
    for (let i = 0; i < 5; i++) {
      notes.push(await writeNote(h, { visibility: i % 2 ? 'advisor' : 'group', body: `第${i}篇心得` }))
      await new Promise((r) => setTimeout(r, 2))
    }
    await writeNote(h, { visibility: 'private' })
    const ids = (xs: { id: string }[]) => xs.map((x) => x.id)
    const inbox = await allPages<{ id: string; unread: number; groupName: string }>(h, OPENID.advisorA, 'shared', { pageSize: 2 })
    expect(ids(inbox)).toEqual(ids([...notes].reverse()))
    expect(inbox.every((i) => i.unread === 1 && i.groupName === '郑州市实习党小组')).toBe(true)
    await h.ok(OPENID.advisorA, 'journal', 'get', { noteId: notes[4].id })
    await h.ok(OPENID.advisorA, 'journal', 'get', { noteId: notes[1].id })
    const after = await allPages<{ id: string; unread: number }>(h, OPENID.advisorA, 'shared', { pageSize: 2 })
    expect(ids(after)).toEqual(ids([notes[3], notes[2], notes[0], notes[4], notes[1]]))
    expect(after.map((i) => i.unread)).toEqual([1, 1, 1, 0, 0])
    // A member opening it marks nothing; an edit shows it unread again; unsharing takes it out.
    await h.ok(OPENID.liaisonA, 'journal', 'get', { noteId: notes[0].id })
    await h.ok(OPENID.internA, 'journal', 'save', noteInput({ noteId: notes[4].id, baseVersion: 1, visibility: 'advisor', body: '补充了新的体会' }))
    await h.ok(OPENID.internA, 'journal', 'save', noteInput({ noteId: notes[3].id, baseVersion: 1, visibility: 'private' }))
    const edited = await allPages<{ id: string; unread: number }>(h, OPENID.advisorA, 'shared', { pageSize: 3 })
    expect(ids(edited)).toEqual(ids([notes[4], notes[2], notes[0], notes[1]]))
    expect((await h.ok(OPENID.advisorA, 'journal', 'shared', { groupId: 'group-a' })).total).toBe(4)
    expect((await h.ok(OPENID.advisorB, 'journal', 'shared', {})).items).toEqual([])
  })

  it('lists the group\'s shared notes newest first for its members and advisors', async () => {
    const a = await writeNote(h, { visibility: 'group' })
    await writeNote(h, { visibility: 'advisor' })
    await new Promise((r) => setTimeout(r, 2))
    const b = await writeNote(h, { visibility: 'group' }, OPENID.liaisonA)
    await writeNote(h, { visibility: 'group' }, OPENID.internB)
    for (const openid of [OPENID.internA, OPENID.coreA, OPENID.advisorA]) {
      expect((await allPages(h, openid, 'group', { pageSize: 1 })).map((n) => n.id)).toEqual([b.id, a.id])
    }
  })
})

describe('journal: comments and export', () => {
  const h = useJournalHarness()

  it('adds a comment once per request, counts it unread for the author until they open the note, and sends one message per acceptance', async () => {
    const note = await writeNote(h, { visibility: 'advisor' })
    expect(await h.ok(OPENID.internA, 'journal', 'subscribe', { accepted: 1 })).toEqual({ remaining: 1 })
    const first = { requestId: rid(), noteId: note.id, body: '体会很深刻，建议结合病例再写写。' }
    const tries = await Promise.all(Array.from({ length: 6 }, () => h.ok(OPENID.advisorA, 'journal', 'comment', first)))
    expect(new Set(tries.map((t) => t.id)).size).toBe(1)
    expect(tries[0]).toMatchObject({ authorName: 'advisor-a', authorRole: '指导教师', body: first.body })
    await h.ok(OPENID.advisorA, 'journal', 'comment', { requestId: rid(), noteId: note.id, body: '继续加油' })
    const mine = (await h.ok(OPENID.internA, 'journal', 'mine', {})).items[0]
    expect(mine).toMatchObject({ commentCount: 2, unread: 2 })
    const messages = await outbox(h)
    expect(messages).toEqual([expect.objectContaining({ personId: 'intern-a', template: 'noteCommented', page: expect.stringContaining(note.id) })])
    expect(messages[0].data).toMatchObject({ name2: 'advisor-a', thing3: expect.stringContaining('体会很深刻') })
    const { data: [sub] } = await h.app.database().collection('subscriptions').doc('noteCommented:intern-a').get()
    expect(sub.remaining).toBe(0)
    const opened = await h.ok(OPENID.internA, 'journal', 'get', { noteId: note.id })
    expect(opened.comments.map((c) => c.body)).toEqual([first.body, '继续加油'])
    expect((await h.ok(OPENID.internA, 'journal', 'mine', {})).items[0].unread).toBe(0)
  })

  it('lets only the advisors of the note\'s group comment, on notes shared with them', async () => {
    const shared = await writeNote(h, { visibility: 'group' })
    const own = await writeNote(h, { visibility: 'private' })
    const comment = (openid: string, noteId: string) => h.call(openid, 'journal', 'comment', { requestId: rid(), noteId, body: '好' })
    expect(await comment(OPENID.advisorB, shared.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await comment(OPENID.advisorA, own.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await comment(OPENID.internA, shared.id)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await h.call(OPENID.advisorA, 'journal', 'comment', { requestId: rid(), noteId: shared.id, body: '出售毒品' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect((await h.ok(OPENID.internA, 'journal', 'get', { noteId: shared.id })).comments).toEqual([])
  })

  it('exports the caller\'s notes of the year with their lessons, visibility and comments', async () => {
    const a = await writeNote(h, { visibility: 'advisor', body: '第一篇：学习党章。' })
    await writeNote(h, { visibility: 'private', body: '第二篇：志愿服务。' })
    await writeNote(h, { body: '别人的笔记' }, OPENID.liaisonA)
    await h.ok(OPENID.advisorA, 'journal', 'comment', { requestId: rid(), noteId: a.id, body: '写得好' })
    const out = await h.ok(OPENID.internA, 'journal', 'export', {})
    expect(out.notes).toBe(2)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await (await fetch(out.url)).arrayBuffer()) as any)
    const rows = wb.getWorksheet('学习笔记')!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1))
    expect(rows[0]).toEqual(['日期', '微党课', '可见范围', '笔记', '评论'])
    expect(rows.slice(1).map((r) => [r[2], r[3]])).toEqual([['指导教师', '第一篇：学习党章。'], ['仅自己', '第二篇：志愿服务。']])
    expect(String(rows[1][4])).toMatch(/advisor-a（.*）：写得好/)
    expect((await h.ok(OPENID.internA, 'journal', 'export', { year: '2025-2026' })).notes).toBe(0)
  })
})
