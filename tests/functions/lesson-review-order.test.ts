/**
 * A lesson held for review after an edit, once the branch passes it, returns to its
 * readers at its original publish time (its place in their lists); a lesson held before
 * anyone saw it goes out when it passes, at the top.
 */
import fc from 'fast-check'
import { OPENID } from './fixture'
import { clearLessons, lessonInput, publishLesson, useLessonHarness } from './lessonWorld'

const HELD_BODY = '本课讲如何识别校园贷与传销'

describe('lesson: passing a held lesson', () => {
  const h = useLessonHarness()

  it('keeps the publish time of a lesson readers had seen, and gives a never-seen one the time it passes', async () => {
    const scenario = fc.integer({ min: 2, max: 4 }).chain((n) => fc.record({
      n: fc.constant(n),
      edited: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }),
      withNew: fc.boolean()
    }))
    await fc.assert(fc.asyncProperty(scenario, async ({ n, edited, withNew }) => {
      await clearLessons(h)
      const published = []
      for (let i = 0; i < n; i++) published.push(await publishLesson(h, { title: `第${i + 1}课` }))
      for (const i of edited) {
        const held = await h.ok(OPENID.admin, 'lesson', 'save', { ...lessonInput({ title: `第${i + 1}课` }), lessonId: published[i].id, body: HELD_BODY })
        expect(held.state).toBe('reviewing')
      }
      let fresh: string | null = null
      if (withNew) {
        const draft = await h.ok(OPENID.admin, 'lesson', 'save', lessonInput({ title: '新课', body: HELD_BODY }))
        expect((await h.ok(OPENID.admin, 'lesson', 'publish', { lessonId: draft.id })).state).toBe('reviewing')
        fresh = draft.id
      }
      const passing = [...edited, ...(fresh ? [-1] : [])].reverse()
      const passedAt = new Date()
      for (const i of passing) {
        const passed = await h.ok(OPENID.admin, 'lesson', 'review', { lessonId: i < 0 ? fresh! : published[i].id, verdict: 'pass' })
        expect(passed.state).toBe('published')
        if (i >= 0) expect(passed.publishAt).toBe(published[i].publishAt)
        else expect(new Date(passed.publishAt!).getTime()).toBeGreaterThanOrEqual(passedAt.getTime())
      }
      const items = (await h.ok(OPENID.internA, 'lesson', 'list', { pageSize: 50 })).items
      const expected = [...(fresh ? [fresh] : []), ...[...published].reverse().map((l) => l.id)]
      expect(items.map((i) => i.id)).toEqual(expected)
      for (const l of published) expect(items.find((i) => i.id === l.id)?.publishedAt).toBe(l.publishAt)
    }), { numRuns: 8, seed: 93 })
  })
})
