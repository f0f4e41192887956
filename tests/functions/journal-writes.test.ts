/**
 * Writing notes from a device queue that may send anything again: the same request id
 * creates one note and applies one edit however often and however concurrently it is
 * sent; an edit made on an old version is refused and changes nothing; removal is
 * idempotent and final. Also what a note may hold: checked text, a lesson the author may
 * read, photos uploaded for the journal.
 */
import fc from 'fast-check'
import { OPENID } from './fixture'
import { notesIn, noteInput, rid, uploadPhoto, useJournalHarness, writeNote } from './journalWorld'
import { publishLesson } from './lessonWorld'

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex')

describe('journal: writes are applied once', () => {
  const h = useJournalHarness()
  const db = () => h.app.database()
  const clear = async () => {
    for (const c of ['notes', 'noteInbox']) await db().collection(c).where({ _id: db().command.exists(true) }).remove()
  }

  it('creates one note for one request id sent many times at once, and answers every try with it', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 2, max: 10 }), fc.constantFrom('private', 'advisor', 'group'), async (n, visibility) => {
      await clear()
      const input = noteInput({ visibility: visibility as 'private' })
      const answers = await Promise.all(Array.from({ length: n }, () => h.ok(OPENID.internA, 'journal', 'save', input)))
      expect(new Set(answers.map((a) => a.id)).size).toBe(1)
      expect(answers.every((a) => a.version === 1)).toBe(true)
      expect(await notesIn(h)).toHaveLength(1)
      const { total } = await db().collection('noteInbox').count()
      expect(total).toBe(1) // advisor A's entry, once
      // Sent again later, it still answers the note it made.
      expect((await h.ok(OPENID.internA, 'journal', 'save', input)).id).toBe(answers[0].id)
      expect(await notesIn(h)).toHaveLength(1)
    }), { numRuns: 5 })
  })

  it('applies an edit once however many times its request is sent at once; rival edits on one version: one wins, the others are told', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 2, max: 6 }), async (same, rivals) => {
      await clear()
      const note = await writeNote(h)
      const edit = noteInput({ noteId: note.id, baseVersion: 1, body: '修改后的心得：要把理论学习和临床实践结合起来。' })
      const tries = await Promise.all(Array.from({ length: same }, () => h.ok(OPENID.internA, 'journal', 'save', edit)))
      expect(tries.map((t) => t.version)).toEqual(Array(same).fill(2))
      const [stored] = await notesIn(h)
      expect(stored).toMatchObject({ version: 2, body: edit.body })

      const bodies = Array.from({ length: rivals }, (_, i) => `第${i}台设备上的修改：继续学习党史。`)
      const results = await Promise.all(bodies.map((body) => h.call(OPENID.internA, 'journal', 'save', noteInput({ noteId: note.id, baseVersion: 2, body }))))
      const won = results.filter((r) => r.ok)
      expect(won).toHaveLength(1)
      for (const r of results.filter((x) => !x.ok)) {
        expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
        expect(!r.ok && r.error.message).toMatch(/已在别处修改/)
      }
      const [after] = await notesIn(h)
      expect(after.version).toBe(3)
      expect(after.body).toBe((won[0] as { data: { body: string } }).data.body)
    }), { numRuns: 4 })
  })

  it('refuses an edit made on an old version, leaving the note as it was; the edit that made the new version, sent again, is answered', async () => {
    const note = await writeNote(h, { visibility: 'advisor' })
    const first = noteInput({ noteId: note.id, baseVersion: 1, body: '第二版：学习了《为人民服务》。', visibility: 'group' })
    await h.ok(OPENID.internA, 'journal', 'save', first)
    const [before] = await notesIn(h)
    const stale = await h.call(OPENID.internA, 'journal', 'save', noteInput({ noteId: note.id, baseVersion: 1, body: '离线时写的旧修改' }))
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已在别处修改') } })
    expect(await notesIn(h)).toEqual([before])
    expect(await h.ok(OPENID.internA, 'journal', 'save', first)).toMatchObject({ version: 2, body: first.body, visibility: 'group' })
    // Another intern cannot edit it, whatever version they name.
    expect(await h.call(OPENID.internB, 'journal', 'save', noteInput({ noteId: note.id, baseVersion: 2 }))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('removes a note once: the same request again answers removed, another removal or another intern\'s answers not removed; a late create retry does not bring it back', async () => {
    const input = noteInput({ visibility: 'group' })
    const note = await h.ok(OPENID.internA, 'journal', 'save', input)
    await h.ok(OPENID.advisorA, 'journal', 'comment', { requestId: rid(), noteId: note.id, body: '很好' })
    expect(await h.ok(OPENID.internB, 'journal', 'remove', { requestId: rid(), noteId: note.id })).toEqual({ removed: false })
    const removal = { requestId: rid(), noteId: note.id }
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.ok(OPENID.internA, 'journal', 'remove', removal)))
    expect(answers).toEqual(Array(5).fill({ removed: true }))
    expect(await h.ok(OPENID.internA, 'journal', 'remove', { requestId: rid(), noteId: note.id })).toEqual({ removed: false })
    expect(await h.ok(OPENID.internA, 'journal', 'remove', { requestId: rid(), noteId: 'never-was' })).toEqual({ removed: false })
    // Its comments, its inbox entries and its place in every list are gone.
    const [tomb] = await notesIn(h)
    expect(tomb).toMatchObject({ removed: true, body: '', comments: [], owner: null, groupFeed: null })
    expect((await db().collection('noteInbox').count()).total).toBe(0)
    expect((await h.ok(OPENID.internA, 'journal', 'mine', {})).items).toEqual([])
    expect((await h.ok(OPENID.liaisonA, 'journal', 'group', {})).items).toEqual([])
    expect(await h.call(OPENID.internA, 'journal', 'get', { noteId: note.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await h.call(OPENID.internA, 'journal', 'save', input)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '这篇笔记已删除' } })
    expect(await notesIn(h)).toHaveLength(1)
  })
})

describe('journal: what a note holds', () => {
  const h = useJournalHarness()

  it('refuses risky text and stores nothing; text held for review is seen by its author only', async () => {
    expect(await h.call(OPENID.internA, 'journal', 'save', noteInput({ body: '今天看到网上赌场的广告' }))).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('笔记内容未通过内容安全检测') } })
    expect(await notesIn(h)).toEqual([])
    const held = await writeNote(h, { body: '今天听讲座，了解到传销的危害。', visibility: 'group' })
    expect(held.review).toBe('review')
    expect(await h.call(OPENID.advisorA, 'journal', 'get', { noteId: held.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await h.call(OPENID.liaisonA, 'journal', 'get', { noteId: held.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await h.ok(OPENID.advisorA, 'journal', 'shared', {})).items).toEqual([])
    expect((await h.ok(OPENID.liaisonA, 'journal', 'group', {})).items).toEqual([])
    expect((await h.ok(OPENID.internA, 'journal', 'get', { noteId: held.id })).review).toBe('review')
  })

  it('links a note to a published lesson of the author\'s feed, with its title; refuses a lesson they may not read', async () => {
    const lesson = await publishLesson(h, { title: '学习党章：党员的义务' })
    const note = await writeNote(h, { lessonId: lesson.id })
    expect(note.lesson).toEqual({ id: lesson.id, title: '学习党章：党员的义务' })
    expect((await h.ok(OPENID.internA, 'journal', 'mine', {})).items[0].lessonTitle).toBe('学习党章：党员的义务')
    for (const [openid, lessonId] of [[OPENID.internB, lesson.id], [OPENID.internA, 'lesson-none']]) {
      expect(await h.call(openid, 'journal', 'save', noteInput({ lessonId }))).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('微党课') } })
    }
    const draft = await h.ok(OPENID.admin, 'lesson', 'save', { title: '未发布', summary: '草稿', body: '草稿', target: { kind: 'groups', groupIds: ['group-a'] } })
    expect(await h.call(OPENID.internA, 'journal', 'save', noteInput({ lessonId: draft.id }))).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('holds only photos uploaded for the journal, each read through a URL issued to its reader', async () => {
    const photo = await uploadPhoto(h, PNG)
    expect(photo).toMatch(/\/journal\/\d{6}\/[a-z0-9]{24}\.png$/)
    const note = await writeNote(h, { photos: [photo], visibility: 'advisor' })
    for (const openid of [OPENID.internA, OPENID.advisorA]) {
      const seen = await h.ok(openid, 'journal', 'get', { noteId: note.id })
      expect(seen.photos).toEqual([{ fileID: photo, url: expect.any(String) }])
      const res = await fetch(seen.photos[0].url!)
      expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG)
    }
    expect(await h.call(OPENID.internB, 'journal', 'get', { noteId: note.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const never = photo.replace(/[a-z0-9]{24}\.png$/, 'abcdefghijklmnopqrstuvwx.png')
    expect(await h.call(OPENID.internA, 'journal', 'save', noteInput({ photos: [never] }))).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '图片不存在，请重新上传' } })
    for (const bad of [photo.replace('/journal/', '/lessons/'), 'https://example.com/a.png']) {
      expect(await h.call(OPENID.internA, 'journal', 'save', noteInput({ photos: [bad] }))).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    }
    for (const [contentType, bytes] of [['image/gif', 100], ['image/png', 5 * 1024 * 1024 + 1]] as const) {
      expect(await h.call(OPENID.internA, 'journal', 'uploadTicket', { name: 'x', contentType, bytes })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    }
  })

  it('refuses invalid input with a message naming the field', async () => {
    const note = await writeNote(h)
    const cases: Record<string, unknown>[] = [
      { requestId: 'short', body: '内容' },
      { requestId: rid(), body: '   ' },
      { requestId: rid(), body: '长'.repeat(5001) },
      { requestId: rid(), body: '内容', noteId: note.id },
      { requestId: rid(), body: '内容', visibility: 'public' },
      { requestId: rid(), body: '内容', photos: Array(10).fill('cloud://env/journal/202609/abcdefghijklmnopqrstuvwx.png') }
    ]
    for (const c of cases) expect(await h.call(OPENID.internA, 'journal', 'save', c)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^参数不正确/) } })
    expect(await h.call(OPENID.internA, 'journal', 'mine', { keyword: '字'.repeat(31) })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await h.call(OPENID.internA, 'journal', 'mine', { cursor: 'bogus' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('gives the advisors a note whose first try died after the note was written, and the author a comment message whose first try died before it was queued', async () => {
    const db = h.app.database()
    // The note was written, the inbox entries were not: the retry puts them there, once.
    const input = noteInput({ visibility: 'advisor' })
    const note = await h.ok(OPENID.internA, 'journal', 'save', input)
    await db.collection('noteInbox').where({ noteId: note.id }).remove()
    for (let i = 0; i < 3; i++) expect((await h.ok(OPENID.internA, 'journal', 'save', input)).id).toBe(note.id)
    expect((await h.ok(OPENID.advisorA, 'journal', 'shared', {})).items.map((n) => n.id)).toContain(note.id)
    expect((await db.collection('noteInbox').where({ noteId: note.id }).get()).data).toHaveLength(1)
    // The comment was written, its message was not queued: the retry queues it, once.
    await h.ok(OPENID.internA, 'journal', 'subscribe', { accepted: 1 })
    const comment = { requestId: rid(), noteId: note.id, body: '写得很真诚。' }
    await h.ok(OPENID.advisorA, 'journal', 'comment', comment)
    // It died after taking the acceptance and before queueing: the acceptance is not taken again.
    await db.collection('outbox').where({ template: 'noteCommented' }).remove()
    for (let i = 0; i < 3; i++) await h.ok(OPENID.advisorA, 'journal', 'comment', comment)
    const { data: messages } = await db.collection('outbox').where({ template: 'noteCommented' }).get()
    expect(messages).toHaveLength(1)
    expect(messages[0].page).toBe(`packages/journal/pages/note/index?noteId=${note.id}`)
    expect((await db.collection('subscriptions').doc('noteCommented:intern-a').get()).data[0].remaining).toBe(0)
  })

  it('gives every advisor their entry when some of a note\'s entries were there already (a batch holding one is refused whole)', async () => {
    const db = h.app.database()
    const { data: [group] } = await db.collection('groups').doc('group-a').get()
    await db.collection('groups').doc('group-a').update({ advisorIds: ['advisor-a', 'advisor-b'] })
    try {
      const input = noteInput({ visibility: 'advisor' })
      const note = await h.ok(OPENID.internA, 'journal', 'save', input)
      // The first try's inbox write died; advisor B's entry came meanwhile from elsewhere (the inbox sync).
      await db.collection('noteInbox').where({ noteId: note.id, advisorId: 'advisor-a' }).remove()
      expect((await db.collection('noteInbox').where({ noteId: note.id }).get()).data.map((e: { advisorId: string }) => e.advisorId)).toEqual(['advisor-b'])
      await h.ok(OPENID.internA, 'journal', 'save', input)
      expect((await db.collection('noteInbox').where({ noteId: note.id }).get()).data.map((e: { advisorId: string }) => e.advisorId).sort()).toEqual(['advisor-a', 'advisor-b'])
    } finally {
      await db.collection('groups').doc('group-a').update({ advisorIds: group.advisorIds })
    }
  })
})
