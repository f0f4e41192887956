/**
 * Composing micro Party lessons through the real function: drafts, a retried create,
 * the sanitised body, the content check (refused, held for the branch's review), files
 * through upload tickets, edits after publishing, discarding.
 */
import fc from 'fast-check'
import { OPENID } from './fixture'
import { lessonInput, publishLesson, uploadLessonFile, useLessonHarness } from './lessonWorld'

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')

describe('lesson: composing', () => {
  const h = useLessonHarness()

  it('keeps a draft to its composer: saved and changed, listed in manage, never listed or opened by readers', async () => {
    const draft = await h.ok(OPENID.advisorA, 'lesson', 'save', lessonInput())
    expect(draft).toMatchObject({ state: 'draft', review: 'pass', publishAt: null, authorName: 'advisor-a', year: '2026-2027' })
    const changed = await h.ok(OPENID.advisorA, 'lesson', 'save', lessonInput({ lessonId: draft.id, title: '改过的标题' }))
    expect(changed).toMatchObject({ id: draft.id, title: '改过的标题', state: 'draft' })
    expect((await h.ok(OPENID.advisorA, 'lesson', 'manage', {})).items.map((i) => [i.id, i.state])).toEqual([[draft.id, 'draft']])
    expect((await h.ok(OPENID.internA, 'lesson', 'list', {})).items).toEqual([])
    expect(await h.call(OPENID.internA, 'lesson', 'get', { lessonId: draft.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // Another advisor may neither change it nor open it for editing.
    expect(await h.call(OPENID.advisorB, 'lesson', 'save', lessonInput({ lessonId: draft.id }))).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await h.call(OPENID.advisorB, 'lesson', 'edit', { lessonId: draft.id })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    // Its preview shows it as a reader will see it, quiz without answers.
    const preview = await h.ok(OPENID.advisorA, 'lesson', 'get', { lessonId: draft.id })
    expect(preview).toMatchObject({ preview: true, publishedAt: null })
    expect(JSON.stringify(preview.quiz)).not.toMatch(/answer|explanation/)
  })

  it('creates one lesson however many times a save with the same request id is sent, at once or again', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/), async (tries, requestId) => {
      const results = await Promise.all(Array.from({ length: tries }, () => h.call(OPENID.advisorA, 'lesson', 'save', lessonInput({ requestId }))))
      const again = await h.ok(OPENID.advisorA, 'lesson', 'save', lessonInput({ requestId }))
      const ids = new Set([...results.map((r) => (r.ok ? r.data.id : r.error.code)), again.id])
      expect(ids).toEqual(new Set([again.id]))
      const { total } = await h.app.database().collection('lessons').where({ _id: again.id }).count()
      expect(total).toBe(1)
    }), { numRuns: 5, seed: 8 })
    // The same request id from another composer is another lesson.
    const mine = await h.ok(OPENID.advisorA, 'lesson', 'save', lessonInput({ requestId: 'same-request-id' }))
    const theirs = await h.ok(OPENID.advisorB, 'lesson', 'save', lessonInput({ requestId: 'same-request-id' }))
    expect(theirs.id).not.toBe(mine.id)
  })

  it('stores the body sanitised: scripts, event handlers, javascript: links, styles and SVG never reach readers', async () => {
    const hostile = fc.constantFrom(
      '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[点我](javascript:alert(1))', '<a href="javascript:alert(1)">x</a>',
      '<p style="background:url(javascript:alert(1))">x</p>', '<div style="width:expression(alert(1))">x</div>', '<svg onload=alert(1)><script>alert(1)</script></svg>',
      '<iframe src="https://evil.example"></iframe>', '<a href="JaVaScRiPt:alert(1)" onclick="alert(1)">x</a>'
    )
    await fc.assert(fc.asyncProperty(fc.array(hostile, { minLength: 1, maxLength: 3 }), async (parts) => {
      const body = `正文开头\n\n${parts.join('\n\n')}\n\n正文结尾`
      const lesson = await publishLesson(h, { body, target: { kind: 'all' } })
      const view = await h.ok(OPENID.internA, 'lesson', 'get', { lessonId: lesson.id })
      expect(view.bodyHtml).toContain('正文开头')
      expect(view.bodyHtml).toContain('正文结尾')
      expect(view.bodyHtml).not.toMatch(/<script|<svg|<iframe|<img|onerror|onload|onclick|javascript:|expression\(|style=/i)
    }), { numRuns: 6, seed: 9 })
  })

  it('refuses risky text anywhere in a lesson with a clear message, and stores nothing', async () => {
    const where = fc.constantFrom('title', 'summary', 'body', 'question', 'option')
    await fc.assert(fc.asyncProperty(where, fc.constantFrom('网上赌场', '刷单返利', '出售毒品'), async (field, word) => {
      const quiz = { questions: [{ id: 'q1', text: field === 'question' ? `关于${word}的问题` : '问题', kind: 'single' as const, options: [{ id: 'a', text: field === 'option' ? word : '甲' }, { id: 'b', text: '乙' }], answer: ['a'] }] }
      const input = lessonInput({ quiz, ...(field === 'title' ? { title: `警惕${word}` } : field === 'summary' ? { summary: word } : field === 'body' ? { body: `远离${word}` } : {}) })
      const before = h.snapshot()
      const r = await h.call(OPENID.advisorA, 'lesson', 'save', input)
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining(word) } })
      if (!r.ok) expect(r.error.message).toMatch(/请修改后再/)
      expect(h.snapshot()).toBe(before)
    }), { numRuns: 8, seed: 10 })
  })

  it('holds a lesson with words for review out of every reader\'s sight until the branch passes it; sent back, it is a draft again', async () => {
    const held = await h.ok(OPENID.advisorA, 'lesson', 'save', lessonInput({ body: '本课讲如何识别校园贷与传销', target: { kind: 'all' } }))
    expect(held).toMatchObject({ review: 'review', reviewReason: expect.stringContaining('审核') })
    const waiting = await h.ok(OPENID.advisorA, 'lesson', 'publish', { lessonId: held.id })
    expect(waiting.state).toBe('reviewing')
    for (const o of [OPENID.internA, OPENID.internB, OPENID.loner]) {
      expect((await h.ok(o, 'lesson', 'list', {})).items).toEqual([])
      expect(await h.call(o, 'lesson', 'get', { lessonId: held.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
    // Only the branch reviews.
    expect(await h.call(OPENID.advisorA, 'lesson', 'review', { lessonId: held.id, verdict: 'pass' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    const passed = await h.ok(OPENID.admin, 'lesson', 'review', { lessonId: held.id, verdict: 'pass' })
    expect(passed).toMatchObject({ state: 'published', review: 'pass', reviewReason: null })
    expect((await h.ok(OPENID.internB, 'lesson', 'list', {})).items.map((i) => i.id)).toEqual([held.id])
    expect(await h.call(OPENID.admin, 'lesson', 'review', { lessonId: held.id, verdict: 'pass' })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })

    const other = await h.ok(OPENID.advisorA, 'lesson', 'save', lessonInput({ title: '谈谈赌博的危害', target: { kind: 'all' } }))
    await h.ok(OPENID.advisorA, 'lesson', 'publish', { lessonId: other.id })
    const back = await h.ok(OPENID.admin, 'lesson', 'review', { lessonId: other.id, verdict: 'risky', reason: '标题不妥' })
    expect(back).toMatchObject({ state: 'draft', review: 'risky', reviewReason: '标题不妥' })
    expect(await h.call(OPENID.advisorA, 'lesson', 'publish', { lessonId: other.id })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('标题不妥') } })
    expect((await h.ok(OPENID.internB, 'lesson', 'list', {})).items.map((i) => i.id)).toEqual([held.id])
    // Changed so that it passes, it can go out.
    await h.ok(OPENID.advisorA, 'lesson', 'save', lessonInput({ lessonId: other.id, title: '远离不良嗜好', target: { kind: 'all' } }))
    expect((await h.ok(OPENID.advisorA, 'lesson', 'publish', { lessonId: other.id })).state).toBe('published')
  })

  it('shows readers that a published lesson was updated, with the new content, in the list and the lesson', async () => {
    const lesson = await publishLesson(h)
    const before = await h.ok(OPENID.internA, 'lesson', 'get', { lessonId: lesson.id })
    expect(before.editedAt).toBeNull()
    await h.ok(OPENID.admin, 'lesson', 'save', lessonInput({ lessonId: lesson.id, title: '更新后的标题', body: '更新后的正文' }))
    const after = await h.ok(OPENID.internA, 'lesson', 'get', { lessonId: lesson.id })
    expect(after).toMatchObject({ title: '更新后的标题', editedAt: expect.any(String), publishedAt: before.publishedAt })
    expect(after.bodyHtml).toContain('更新后的正文')
    expect((await h.ok(OPENID.internA, 'lesson', 'list', {})).items).toEqual([expect.objectContaining({ id: lesson.id, title: '更新后的标题', editedAt: after.editedAt })])
    // Retargeted to group B: it leaves group A's list and enters B's.
    const retargeted = await h.ok(OPENID.admin, 'lesson', 'save', lessonInput({ lessonId: lesson.id, title: '更新后的标题', target: { kind: 'groups', groupIds: ['group-b'] } }))
    // Its composer gets the groups' names back, to show what they chose.
    const groupB = await h.ok(OPENID.admin, 'group', 'detail', { groupId: 'group-b' })
    expect(retargeted.targetGroups).toEqual([{ id: 'group-b', name: groupB.name }])
    expect((await h.ok(OPENID.admin, 'lesson', 'edit', { lessonId: lesson.id })).targetGroups).toEqual(retargeted.targetGroups)
    expect((await h.ok(OPENID.internA, 'lesson', 'list', {})).items).toEqual([])
    expect((await h.ok(OPENID.internB, 'lesson', 'list', {})).items.map((i) => i.id)).toEqual([lesson.id])
  })

  it('discards what readers have not seen (a draft, a scheduled lesson) and keeps what they have', async () => {
    const draft = await h.ok(OPENID.advisorA, 'lesson', 'save', lessonInput())
    expect(await h.ok(OPENID.advisorA, 'lesson', 'discard', { lessonId: draft.id })).toEqual({ discarded: true })
    expect(await h.ok(OPENID.advisorA, 'lesson', 'discard', { lessonId: draft.id })).toEqual({ discarded: false })
    const later = await publishLesson(h, {}, new Date(Date.now() + 3600_000), OPENID.advisorA)
    expect(later.state).toBe('scheduled')
    expect(await h.call(OPENID.advisorB, 'lesson', 'discard', { lessonId: later.id })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await h.ok(OPENID.advisorA, 'lesson', 'discard', { lessonId: later.id })).toEqual({ discarded: true })
    const { total } = await h.app.database().collection('lessonFeed').where({ lessonId: later.id }).count()
    expect(total).toBe(0)
    const out = await publishLesson(h, {}, null, OPENID.advisorA)
    expect(await h.call(OPENID.advisorA, 'lesson', 'discard', { lessonId: out.id })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect((await h.ok(OPENID.internA, 'lesson', 'list', {})).items.map((i) => i.id)).toEqual([out.id])
  })

  it('issues upload tickets only for allowed types and sizes, under lessons/, and takes only files uploaded that way', async () => {
    expect(await h.call(OPENID.advisorA, 'lesson', 'uploadTicket', { kind: 'cover', name: 'a.gif', contentType: 'image/gif', bytes: 100 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('不支持的文件类型') } })
    expect(await h.call(OPENID.advisorA, 'lesson', 'uploadTicket', { kind: 'video', name: 'a.mp4', contentType: 'video/mp4', bytes: 51 * 1024 * 1024 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('文件过大') } })
    const ticket = await h.ok(OPENID.advisorA, 'lesson', 'uploadTicket', { kind: 'cover', name: '封面.png', contentType: 'image/png', bytes: PNG.length })
    expect(ticket.cloudPath).toMatch(/^lessons\/\d{6}\/[a-z0-9]{24}\.png$/)
    expect(ticket.fileID).toMatch(/^cloud:\/\/.+\/lessons\/\d{6}\/[a-z0-9]{24}\.png$/)
    const cover = await uploadLessonFile(h, 'cover', PNG, OPENID.advisorA)
    const saved = await h.ok(OPENID.advisorA, 'lesson', 'save', lessonInput({ cover }))
    expect(saved.cover).toBe(cover)
    expect(Buffer.from(await (await fetch(saved.coverUrl!)).arrayBuffer())).toEqual(PNG)
    // A ticket whose upload never happened names no file: the lesson is refused.
    expect(await h.call(OPENID.advisorA, 'lesson', 'save', lessonInput({ cover: ticket.fileID }))).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('封面文件不存在') } })
    // Interns get no tickets.
    expect(await h.call(OPENID.internA, 'lesson', 'uploadTicket', { kind: 'cover', name: 'a.png', contentType: 'image/png', bytes: 10 })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
  })
})
