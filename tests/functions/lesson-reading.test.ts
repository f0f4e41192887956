/**
 * Reading micro Party lessons through the real function: who gets a lesson (targets),
 * publishing now and at a set time, the reader's list and lesson, reading and answering
 * once, the figures and who has not read, the export, reminders, and files.
 */
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { OPENID } from './fixture'
import { addPeople, grant, groupDoc, HALF_RIGHT, interns, lessonInput, outbox, publishLesson, RIGHT, runTimer, uploadLessonFile, useLessonHarness, WRONG } from './lessonWorld'

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
const MP3 = Buffer.from('494433030000000000', 'hex')
const GROUP_A = ['liaison-a', 'core-a', 'member-a3', 'intern-a', 'activist-a', 'masses-a6', 'applicant-a7']

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const codeOf = (r: { ok: boolean; error?: { code: string } }): string => (r.ok ? 'OK' : r.error!.code)

describe('lesson: reading', () => {
  const h = useLessonHarness()

  /** A third group, in another province, with one bound intern (`o-c-0`). */
  async function addHubeiGroup(): Promise<void> {
    await h.app.database().collection('groups').add([groupDoc('group-c', '湖北省', '武汉市实习党小组')])
    await addPeople(h, interns('c', 1, 'group-c', { province: '湖北省' }))
  }

  it('reaches exactly the interns its target names; another intern never lists it and is refused it (PERMISSION_DENIED)', async () => {
    await addHubeiGroup()
    const readers = [
      { openid: OPENID.internA, group: 'group-a', province: '河南省' },
      { openid: OPENID.internB, group: 'group-b', province: '河南省' },
      { openid: 'o-c-0', group: 'group-c', province: '湖北省' },
      { openid: OPENID.loner, group: null, province: '河南省' }
    ]
    const target = fc.oneof(
      fc.constant({ kind: 'all' as const }),
      fc.subarray(['河南省', '湖北省'], { minLength: 1 }).map((provinces) => ({ kind: 'provinces' as const, provinces })),
      fc.subarray(['group-a', 'group-b', 'group-c'], { minLength: 1 }).map((groupIds) => ({ kind: 'groups' as const, groupIds }))
    )
    await fc.assert(fc.asyncProperty(target, async (t) => {
      const lesson = await publishLesson(h, { target: t })
      for (const r of readers) {
        const meant = t.kind === 'all' || (t.kind === 'provinces' ? r.group !== null && t.provinces.includes(r.province) : r.group !== null && t.groupIds.includes(r.group))
        const listed = (await h.ok(r.openid, 'lesson', 'list', { pageSize: 100 })).items.some((i) => i.id === lesson.id)
        expect({ reader: r.openid, listed }).toEqual({ reader: r.openid, listed: meant })
        expect(codeOf(await h.call(r.openid, 'lesson', 'get', { lessonId: lesson.id }))).toBe(meant ? 'OK' : 'PERMISSION_DENIED')
        if (!meant) {
          expect(codeOf(await h.call(r.openid, 'lesson', 'markRead', { lessonId: lesson.id }))).toBe('PERMISSION_DENIED')
          expect(codeOf(await h.call(r.openid, 'lesson', 'answerQuiz', { lessonId: lesson.id, answers: RIGHT }))).toBe('PERMISSION_DENIED')
        }
      }
      // Teachers, unit contacts and the branch read every published lesson.
      for (const o of [OPENID.advisorB, OPENID.unitContactA, OPENID.admin]) {
        expect((await h.ok(o, 'lesson', 'list', { pageSize: 100 })).items.some((i) => i.id === lesson.id)).toBe(true)
      }
    }), { numRuns: 8, seed: 11 })
  })

  it('shows a scheduled lesson at its time with nobody acting, and reminds its readers when the timer runs', async () => {
    await h.ok(OPENID.internA, 'lesson', 'subscribe', { accepted: 2 })
    const at = new Date(Date.now() + 1500)
    const lesson = await publishLesson(h, {}, at)
    expect(lesson).toMatchObject({ state: 'scheduled', publishAt: at.toISOString() })
    expect((await h.ok(OPENID.internA, 'lesson', 'list', {})).items).toEqual([])
    expect(codeOf(await h.call(OPENID.internA, 'lesson', 'get', { lessonId: lesson.id }))).toBe('NOT_FOUND')
    expect(codeOf(await h.call(OPENID.internA, 'lesson', 'markRead', { lessonId: lesson.id }))).toBe('NOT_FOUND')
    // The advisor of its group previews it.
    expect(await h.ok(OPENID.advisorA, 'lesson', 'get', { lessonId: lesson.id })).toMatchObject({ preview: true })
    expect(await runTimer(h, 'publishDue')).toMatchObject({ ok: true, data: { lessons: 0, messages: 0 } })
    expect(await outbox(h)).toEqual([])

    await sleep(at.getTime() - Date.now() + 50)
    expect((await h.ok(OPENID.internA, 'lesson', 'list', {})).items).toEqual([expect.objectContaining({ id: lesson.id, publishedAt: at.toISOString(), read: false })])
    expect(await h.ok(OPENID.internA, 'lesson', 'get', { lessonId: lesson.id })).toMatchObject({ preview: false, publishedAt: at.toISOString() })
    expect((await h.ok(OPENID.admin, 'lesson', 'edit', { lessonId: lesson.id })).state).toBe('published')
    expect(await outbox(h)).toEqual([])

    expect(await runTimer(h, 'publishDue')).toMatchObject({ ok: true, data: { lessons: 1, messages: 1 } })
    expect(await outbox(h)).toEqual([expect.objectContaining({ personId: 'intern-a', template: 'lessonPublished', page: expect.stringContaining(lesson.id), status: 'queued' })])
    expect(await runTimer(h, 'publishDue')).toMatchObject({ ok: true, data: { lessons: 0, messages: 0 } })
    expect(await outbox(h)).toHaveLength(1)
    expect(await runTimer(h, 'deliverMessages')).toMatchObject({ ok: true, data: { sent: 1 } })
    expect(await outbox(h)).toEqual([expect.objectContaining({ status: 'sent' })])
    // A client cannot fire a timer.
    const { result } = await h.appAs(OPENID.admin).callFunction({ name: 'lesson', data: { Type: 'Timer', TriggerName: 'publishDue' } as any })
    expect(result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
  })

  it('queues one reminder per lesson to each reader with a subscription left, and takes one from each', async () => {
    const bound = [['intern-a', OPENID.internA], ['liaison-a', OPENID.liaisonA], ['core-a', OPENID.coreA], ['intern-b', OPENID.internB], ['loner', OPENID.loner]] as const
    const quotas = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: bound.length, maxLength: bound.length })
    await fc.assert(fc.asyncProperty(quotas, fc.integer({ min: 1, max: 3 }), async (quota, lessons) => {
      const db = h.app.database()
      for (const c of ['subscriptions', 'outbox']) await db.collection(c).where({ _id: db.command.exists(true) }).remove()
      for (const [i, [, o]] of bound.entries()) if (quota[i]) expect(await h.ok(o, 'lesson', 'subscribe', { accepted: quota[i] })).toEqual({ remaining: quota[i] })
      for (let k = 0; k < lessons; k++) await publishLesson(h, { target: { kind: 'all' } })
      const sent = await outbox(h)
      for (const [i, [personId]] of bound.entries()) {
        expect({ personId, messages: sent.filter((m) => m.personId === personId).length }).toEqual({ personId, messages: Math.min(quota[i], lessons) })
      }
      const left = await db.collection('subscriptions').limit(100).get()
      for (const [i, [personId]] of bound.entries()) {
        expect((left.data as { personId: string; remaining: number }[]).find((s) => s.personId === personId)?.remaining ?? 0).toBe(quota[i] - Math.min(quota[i], lessons))
      }
    }), { numRuns: 6, seed: 12 })
  })

  it('publishes to everyone with as many requests for hundreds of subscribed readers as for a few', async () => {
    const measure = async (): Promise<number> => {
      const draft = await h.ok(OPENID.admin, 'lesson', 'save', lessonInput({ target: { kind: 'all' } }))
      h.resetCounters()
      await h.ok(OPENID.admin, 'lesson', 'publish', { lessonId: draft.id })
      return h.dbRequests()
    }
    await grant(h, ['intern-a', 'liaison-a', 'intern-b', 'loner'], 5)
    const few = await measure()
    expect((await outbox(h)).length).toBe(4)
    const many = [...interns('ra', 400, 'group-a'), ...interns('rb', 300, 'group-b'), ...interns('rn', 200, null)]
    await addPeople(h, many)
    await grant(h, many.map((p) => p._id), 5)
    const lots = await measure()
    expect((await outbox(h)).length).toBe(4 + 4 + 900)
    expect(lots).toBeLessThanOrEqual(few + 3)
    expect(lots).toBeLessThan(25)
  })

  it('lists my lessons newest first in pages, due ones only, with what I read and answered marked', async () => {
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await publishLesson(h, { title: `第${i + 1}课` })).id)
    await publishLesson(h, { title: '以后的课' }, new Date(Date.now() + 3600_000))
    await h.ok(OPENID.internA, 'lesson', 'markRead', { lessonId: ids[2] })
    await h.ok(OPENID.internA, 'lesson', 'answerQuiz', { lessonId: ids[3], answers: RIGHT })
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 6 }), async (pageSize) => {
      const seen: { id: string; read: boolean; quizDone: boolean }[] = []
      let cursor: string | undefined
      do {
        const page = await h.ok(OPENID.internA, 'lesson', 'list', { pageSize, ...(cursor ? { cursor } : {}) })
        expect(page.items.length).toBeLessThanOrEqual(pageSize)
        expect(page.total).toBe(5)
        seen.push(...page.items.map((i) => ({ id: i.id, read: i.read, quizDone: i.quizDone })))
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      expect(seen).toEqual([...ids].reverse().map((id) => ({ id, read: id === ids[2] || id === ids[3], quizDone: id === ids[3] })))
    }), { numRuns: 6, seed: 13 })
  })

  it('opens a lesson with temporary file URLs only, and the quiz without its answers until I answer', async () => {
    const cover = await uploadLessonFile(h, 'cover', PNG)
    const audio = await uploadLessonFile(h, 'audio', MP3)
    const lesson = await publishLesson(h, { cover, media: { kind: 'audio', fileID: audio, name: '党课录音.mp3', bytes: MP3.length } })
    const view = await h.ok(OPENID.internA, 'lesson', 'get', { lessonId: lesson.id })
    expect(JSON.stringify(view)).not.toContain('cloud://')
    expect(view.quiz!.questions.map((q) => Object.keys(q).sort())).toEqual([['id', 'kind', 'options', 'text'], ['id', 'kind', 'options', 'text']])
    expect(view.media).toMatchObject({ kind: 'audio', name: '党课录音.mp3' })
    expect(Buffer.from(await (await fetch(view.coverUrl!)).arrayBuffer())).toEqual(PNG)
    expect(Buffer.from(await (await fetch(view.media!.url)).arrayBuffer())).toEqual(MP3)
    expect(view.my).toEqual({ readAt: null, quiz: null })
    await h.ok(OPENID.internA, 'lesson', 'answerQuiz', { lessonId: lesson.id, answers: HALF_RIGHT })
    const after = await h.ok(OPENID.internA, 'lesson', 'get', { lessonId: lesson.id })
    expect(after.my.quiz).toMatchObject({ score: 1, max: 2, results: [{ questionId: 'q1', correct: true, explanation: expect.stringContaining('1921') }, { questionId: 'q2', correct: false, answer: ['a', 'b'] }] })
    expect(after.my.readAt).toEqual(expect.any(String))
  })

  it('lets only those who may read a lesson have its files: no URL for others, and no path works without a signed URL', async () => {
    const cover = await uploadLessonFile(h, 'cover', PNG)
    const lesson = await publishLesson(h, { cover })
    const refused = await h.call(OPENID.internB, 'lesson', 'get', { lessonId: lesson.id })
    expect(refused).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(JSON.stringify(refused)).not.toMatch(/storage|cloud:\/\//)
    const listedToB = await h.ok(OPENID.internB, 'lesson', 'list', {})
    expect(JSON.stringify(listedToB)).not.toContain('/storage/')
    const { coverUrl } = await h.ok(OPENID.internA, 'lesson', 'get', { lessonId: lesson.id })
    expect((await fetch(coverUrl!)).status).toBe(200)
    const unsigned = coverUrl!.split('?')[0]
    expect((await fetch(unsigned)).status).not.toBe(200)
    expect((await fetch(`${unsigned}?expires=${Date.now() + 60_000}&sign=${'0'.repeat(64)}`)).status).not.toBe(200)
  })

  it('counts a reading once however often and however concurrently it is marked', async () => {
    const lesson = await publishLesson(h, { target: { kind: 'groups', groupIds: ['group-a', 'group-b'] } })
    const readers = [OPENID.internA, OPENID.liaisonA, OPENID.coreA, OPENID.internB, OPENID.advisorA]
    const firsts = new Map<string, number>()
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom(...readers), { minLength: 1, maxLength: 15 }), async (marks) => {
      const results = await Promise.all(marks.map((o) => h.ok(o, 'lesson', 'markRead', { lessonId: lesson.id })))
      expect(results.every((r, i) => r.readAt === results[marks.indexOf(marks[i])].readAt)).toBe(true)
      results.forEach((r, i) => { if (r.firstTime) firsts.set(marks[i], (firsts.get(marks[i]) ?? 0) + 1) })
    }), { numRuns: 5, seed: 14 })
    expect([...firsts.values()].every((n) => n === 1)).toBe(true)
    const again = await Promise.all(readers.map((o) => h.ok(o, 'lesson', 'markRead', { lessonId: lesson.id })))
    expect(again.every((r) => !r.firstTime)).toBe(true)
    const { data } = await h.app.database().collection('lessonReads').where({ lessonId: lesson.id }).get()
    const read = new Set((data as { personId: string }[]).map((r) => r.personId))
    const figures = await h.ok(OPENID.admin, 'lesson', 'figures', { lessonId: lesson.id })
    // The advisor's reading is kept but counts for no group.
    const counted = ['intern-a', 'liaison-a', 'core-a', 'intern-b'].filter((p) => read.has(p)).length
    expect(figures.totals.read).toBe(counted)
    // Rows by province and name: 洛阳 before 郑州.
    expect(figures.groups.map((g) => [g.groupId, g.read])).toEqual([['group-b', read.has('intern-b') ? 1 : 0], ['group-a', ['intern-a', 'liaison-a', 'core-a'].filter((p) => read.has(p)).length]])
  })

  it('stores the first quiz answers only: a retry or a second try returns the first result and never counts twice', async () => {
    const lesson = await publishLesson(h)
    const answers = fc.constantFrom(RIGHT, HALF_RIGHT, WRONG)
    await fc.assert(fc.asyncProperty(fc.array(answers, { minLength: 1, maxLength: 6 }), fc.boolean(), async (tries, readFirst) => {
      const db = h.app.database()
      for (const c of ['lessonReads']) await db.collection(c).where({ _id: db.command.exists(true) }).remove()
      await db.collection('lessonStats').where({ lessonId: lesson.id }).update({ read: 0, answered: 0, scoreSum: 0, scoreMax: 0 })
      if (readFirst) await h.ok(OPENID.internA, 'lesson', 'markRead', { lessonId: lesson.id })
      const results = await Promise.all(tries.map((a) => h.ok(OPENID.internA, 'lesson', 'answerQuiz', { lessonId: lesson.id, answers: a })))
      expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1)
      const later = await h.ok(OPENID.internA, 'lesson', 'answerQuiz', { lessonId: lesson.id, answers: RIGHT })
      expect(later).toEqual(results[0])
      const f = await h.ok(OPENID.admin, 'lesson', 'figures', { lessonId: lesson.id })
      expect(f.totals).toMatchObject({ read: 1, answered: 1, quizAverage: (results[0].score / 2) * 100 })
    }), { numRuns: 6, seed: 15 })
  })

  it('shows figures by group to the branch for all groups and to an advisor for their own only', async () => {
    const lesson = await publishLesson(h, { target: { kind: 'groups', groupIds: ['group-a', 'group-b'] } })
    await h.ok(OPENID.internA, 'lesson', 'answerQuiz', { lessonId: lesson.id, answers: RIGHT })
    await h.ok(OPENID.liaisonA, 'lesson', 'markRead', { lessonId: lesson.id })
    await h.ok(OPENID.internB, 'lesson', 'answerQuiz', { lessonId: lesson.id, answers: HALF_RIGHT })
    const a = { groupId: 'group-a', groupName: '郑州市实习党小组', province: '河南省', targeted: 7, read: 2, readRate: 2 / 7, answered: 1, quizAverage: 100 }
    const b = { groupId: 'group-b', groupName: '洛阳市实习党小组', province: '河南省', targeted: 2, read: 1, readRate: 0.5, answered: 1, quizAverage: 50 }
    const all = await h.ok(OPENID.admin, 'lesson', 'figures', { lessonId: lesson.id })
    expect(all.groups).toEqual([b, a].sort((x, y) => (x.groupName < y.groupName ? -1 : 1)))
    expect(all.totals).toEqual({ targeted: 9, read: 3, readRate: 3 / 9, answered: 2, quizAverage: 75 })
    expect((await h.ok(OPENID.advisorA, 'lesson', 'figures', { lessonId: lesson.id })).groups).toEqual([a])
    expect((await h.ok(OPENID.advisorB, 'lesson', 'figures', { lessonId: lesson.id })).groups).toEqual([b])
    const onlyB = await publishLesson(h, { target: { kind: 'groups', groupIds: ['group-b'] } })
    expect(codeOf(await h.call(OPENID.advisorA, 'lesson', 'figures', { lessonId: onlyB.id }))).toBe('PERMISSION_DENIED')
    expect(codeOf(await h.call(OPENID.liaisonA, 'lesson', 'figures', { lessonId: lesson.id }))).toBe('PERMISSION_DENIED')
  })

  it('names who has not read only to the branch, the group\'s advisors and its liaison', async () => {
    const lesson = await publishLesson(h, { target: { kind: 'groups', groupIds: ['group-a', 'group-b'] } })
    await h.ok(OPENID.internA, 'lesson', 'markRead', { lessonId: lesson.id })
    await h.ok(OPENID.coreA, 'lesson', 'answerQuiz', { lessonId: lesson.id, answers: WRONG })
    const expected = GROUP_A.filter((p) => p !== 'intern-a' && p !== 'core-a').sort()
    for (const o of [OPENID.admin, OPENID.advisorA, OPENID.liaisonA]) {
      const { people } = await h.ok(o, 'lesson', 'unread', { lessonId: lesson.id, groupId: 'group-a' })
      expect(people.map((p) => p.id).sort()).toEqual(expected)
    }
    for (const o of [OPENID.advisorB, OPENID.liaisonB, OPENID.internA, OPENID.coreA, OPENID.unitContactA]) {
      expect(codeOf(await h.call(o, 'lesson', 'unread', { lessonId: lesson.id, groupId: 'group-a' }))).toBe('PERMISSION_DENIED')
    }
    const onlyB = await publishLesson(h, { target: { kind: 'groups', groupIds: ['group-b'] } })
    expect(codeOf(await h.call(OPENID.admin, 'lesson', 'unread', { lessonId: onlyB.id, groupId: 'group-a' }))).toBe('INVALID_ARGUMENT')
  })

  it('exports the figures as .xlsx behind a temporary URL: one lesson by group, or every lesson, as the caller may see them', async () => {
    const first = await publishLesson(h, { title: '第一课', target: { kind: 'groups', groupIds: ['group-a', 'group-b'] } })
    const second = await publishLesson(h, { title: '第二课', target: { kind: 'groups', groupIds: ['group-b'] } })
    await h.ok(OPENID.internA, 'lesson', 'answerQuiz', { lessonId: first.id, answers: RIGHT })
    await h.ok(OPENID.internB, 'lesson', 'markRead', { lessonId: second.id })
    const sheets = async (o: string, lessonId?: string): Promise<Record<string, unknown[][]>> => {
      const { fileID, url } = await h.ok(o, 'lesson', 'exportFigures', lessonId ? { lessonId } : {})
      expect(fileID).toMatch(/^cloud:\/\/.+\/exports\/.+\.xlsx$/)
      expect(url).toMatch(/sign=/)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(await (await fetch(url)).arrayBuffer())
      return Object.fromEntries(wb.worksheets.map((ws) => [ws.name, ws.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 11))]))
    }
    const one = await sheets(OPENID.admin, first.id)
    expect(Object.keys(one)).toEqual(['阅读情况'])
    expect(one['阅读情况'].map((r) => [r[0], r[3], r[5], r[6], r[8], r[9]])).toEqual([
      ['第一课', '洛阳市实习党小组', 2, 0, 0, ''], ['第一课', '郑州市实习党小组', 7, 1, 1, 100], ['第一课', '合计', 9, 1, 1, 100]
    ])
    const everything = await sheets(OPENID.advisorB)
    expect(Object.keys(everything)).toEqual(['各课汇总', '各党小组'])
    expect(everything['各课汇总'].map((r) => [r[0], r[5], r[6]])).toEqual([['第二课', 2, 1], ['第一课', 2, 0]])
    expect(everything['各党小组'].map((r) => [r[0], r[3]])).toEqual([['第二课', '洛阳市实习党小组'], ['第一课', '洛阳市实习党小组']])
    expect(codeOf(await h.call(OPENID.advisorA, 'lesson', 'exportFigures', { lessonId: second.id }))).toBe('PERMISSION_DENIED')
  })
})
