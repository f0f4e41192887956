/**
 * WeChat's later verdicts on a lesson's files (`wxa_media_check` message-push events,
 * applied by the lesson function): a pass lets a lesson held for its files alone go out, a
 * risky verdict sends it back to its composer with the reason, a verdict for a trace id no
 * lesson waits for changes nothing, and an event that carries a user — a client forging a
 * verdict — is refused and changes nothing.
 */
import fc from 'fast-check'
import { OPENID } from './fixture'
import { Harness } from './harness'
import { clearLessons, lessonInput, uploadLessonFile, useLessonHarness } from './lessonWorld'

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
type Suggest = 'pass' | 'risky' | 'review'

/** The event WeChat pushes when a media check finishes (as seen delivered to cloud functions). */
const mediaEvent = (traceId: string, suggest: Suggest) => ({
  ToUserName: 'gh_7bf1f1389686', FromUserName: OPENID.advisorA, CreateTime: 1762329554, MsgType: 'event', Event: 'wxa_media_check',
  appid: 'wx-appid', trace_id: traceId, version: 2, result: { suggest, label: suggest === 'pass' ? 100 : 20002 },
  detail: [{ strategy: 'content_model', errcode: 0, suggest, label: 100, prob: 90 }]
})

/** Pushes an event to the lesson function as the platform does: no user. */
async function push(h: Harness, event: object, openid: string | null = null): Promise<{ ok: boolean; data?: any; error?: any }> {
  const app = openid ? h.appAs(openid) : h.app
  const { result } = await app.callFunction({ name: 'lesson', data: event as any })
  return result as any
}

/**
 * A lesson with a cover whose checks are still running, published by its composer and so
 * waiting in review: what `save` and `publish` leave in production, where the media check
 * answers trace ids (locally it passes at once, so the held state is written here).
 */
async function heldLesson(h: Harness, traceIds: string[], textHeld: boolean): Promise<string> {
  const cover = await uploadLessonFile(h, 'cover', PNG, OPENID.advisorA)
  const draft = await h.ok(OPENID.advisorA, 'lesson', 'save', lessonInput({ cover }))
  await h.app.database().collection('lessons').doc(draft.id).update({
    review: 'review', reviewReason: '图片正在进行内容安全检测，通过后读者才能看到', textReview: textHeld ? 'review' : 'pass',
    filesReview: 'review', mediaTraceIds: traceIds, state: 'reviewing'
  })
  return draft.id
}

const listed = async (h: Harness, lessonId: string): Promise<boolean> =>
  (await h.ok(OPENID.internA, 'lesson', 'list', { pageSize: 50 })).items.some((i) => i.id === lessonId)

describe('lesson: WeChat media verdicts', () => {
  const h = useLessonHarness()

  it('applies each verdict: all files passed sends a lesson held for them alone out; a risky one sends it back with the reason; unknown trace ids change nothing', async () => {
    const scenario = fc.record({
      verdicts: fc.array(fc.constantFrom<Suggest>('pass', 'pass', 'risky', 'review'), { minLength: 1, maxLength: 2 }),
      textHeld: fc.boolean(),
      order: fc.array(fc.nat(), { minLength: 0, maxLength: 4 }),
      unknown: fc.array(fc.constantFrom<Suggest>('pass', 'risky'), { maxLength: 2 })
    })
    await fc.assert(fc.asyncProperty(scenario, async ({ verdicts, textHeld, order, unknown }) => {
      await clearLessons(h)
      const traceIds = verdicts.map((_, i) => `690b03d2-301f6111-${String(i).padStart(8, '0')}`)
      const id = await heldLesson(h, traceIds, textHeld)
      // Unknown trace ids first: nothing changes.
      const before = JSON.stringify((await h.app.database().collection('lessons').doc(id).get()).data[0])
      for (const [i, s] of unknown.entries()) expect(await push(h, mediaEvent(`ffffffff-00000000-${i}`, s))).toMatchObject({ ok: true, data: { lessonId: null } })
      expect(JSON.stringify((await h.app.database().collection('lessons').doc(id).get()).data[0])).toBe(before)
      // Each verdict once, in a generated order, some pushed twice.
      const sequence = [...traceIds.keys()].sort((a, b) => (order[a] ?? 0) - (order[b] ?? 0))
      for (const i of [...sequence, ...sequence.slice(0, order.length % 2)]) expect(await push(h, mediaEvent(traceIds[i], verdicts[i]))).toMatchObject({ ok: true })

      const draft = await h.ok(OPENID.advisorA, 'lesson', 'edit', { lessonId: id })
      if (verdicts.includes('risky')) {
        expect(draft).toMatchObject({ state: 'draft', review: 'risky', reviewReason: expect.stringContaining('未通过内容安全检测') })
        expect(await listed(h, id)).toBe(false)
      } else if (verdicts.every((v) => v === 'pass') && !textHeld) {
        expect(draft).toMatchObject({ state: 'published', review: 'pass', reviewReason: null })
        expect(await listed(h, id)).toBe(true)
      } else {
        expect(draft).toMatchObject({ state: 'reviewing', review: 'review' })
        expect(await listed(h, id)).toBe(false)
        // The branch still decides; once passed, it goes out.
        expect(await h.ok(OPENID.admin, 'lesson', 'review', { lessonId: id, verdict: 'pass' })).toMatchObject({ state: 'published' })
      }
    }), { numRuns: 14, seed: 91 })
  })

  it('an event that carries a user — a client forging a verdict — is refused and changes nothing', async () => {
    const id = await heldLesson(h, ['690b03d2-301f6111-35ffbd44'], false)
    const before = JSON.stringify((await h.app.database().collection('lessons').doc(id).get()).data[0])
    const forged = fc.record({
      openid: fc.constantFrom(OPENID.advisorA, OPENID.admin, OPENID.internA, 'o-stranger'),
      extra: fc.constantFrom<object>({}, { userInfo: { appId: 'wx-appid', openId: OPENID.advisorA } }, { action: 'list', data: {} })
    })
    await fc.assert(fc.asyncProperty(forged, async ({ openid, extra }) => {
      expect(await push(h, { ...mediaEvent('690b03d2-301f6111-35ffbd44', 'pass'), ...extra }, openid)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    }), { numRuns: 8, seed: 92 })
    // userInfo in the event without a user in the context is refused too.
    expect(await push(h, { ...mediaEvent('690b03d2-301f6111-35ffbd44', 'pass'), userInfo: { appId: 'wx-appid', openId: OPENID.admin } })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(JSON.stringify((await h.app.database().collection('lessons').doc(id).get()).data[0])).toBe(before)
    expect(await listed(h, id)).toBe(false)
    // The platform's own push applies.
    expect(await push(h, mediaEvent('690b03d2-301f6111-35ffbd44', 'pass'))).toMatchObject({ ok: true, data: { lessonId: id, verdict: 'pass' } })
    expect(await listed(h, id)).toBe(true)
  })
})
