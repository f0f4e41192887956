/**
 * Check-ins whose photos are still being checked (WeChat's asynchronous media check):
 * their photos are shown to the group's leaders only until every verdict is in; a pass for
 * all shows them to every reader; a risky photo is deleted and taken off the check-in,
 * which stays visible without it; a check WeChat could not finish keeps it held. Verdicts
 * arrive in any order, some twice, at the `lesson` function (where 消息推送 sends every verdict).
 */
import fc from 'fast-check'
import { OPENID } from './fixture'
import { fileExists, mediaEvent, push, sequenceOf, Suggest, traceIdsFor, VERDICT_CASES, VERDICT_EXAMPLES, verdictCoverage } from './heldPhotosWorld'
import type { Harness } from './harness'
import { checkinInput, useActivityHarness } from './activityWorld'

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')

async function uploadPhoto(h: Harness): Promise<string> {
  const ticket = await h.ok(OPENID.liaisonA, 'activity', 'uploadTicket', { groupId: 'group-a', name: 'photo.png', contentType: 'image/png', bytes: PNG.length })
  const res = await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.uploadHeaders, body: new Uint8Array(PNG) })
  expect(res.status).toBe(200)
  return ticket.fileID
}

/** The photos each reader gets URLs for: the liaison (a leader) and a member listed on it. */
async function seen(h: Harness, id: string): Promise<{ leader: (string | null)[]; member: (string | null)[]; photos: string[]; review: string }> {
  const leader = await h.ok(OPENID.liaisonA, 'activity', 'get', { checkinId: id })
  const member = await h.ok(OPENID.internA, 'activity', 'get', { checkinId: id })
  const list = await h.ok(OPENID.internA, 'activity', 'list', { groupId: 'group-a', pageSize: 10 })
  const item = list.items.find((i) => i.id === id)!
  expect(item.coverUrl === null).toBe(member.photos[0]?.url == null)
  return { leader: leader.photos.map((p) => p.url), member: member.photos.map((p) => p.url), photos: member.photos.map((p) => p.fileID), review: member.review }
}

describe('activity: photos held for their check', () => {
  const h = useActivityHarness()

  it('shows held photos to leaders only, then to everyone once all passed; removes a risky one; whatever order the verdicts come in', async () => {
    const scenario = fc.record({
      verdicts: fc.array(fc.constantFrom<Suggest>('pass', 'pass', 'risky', 'review'), { minLength: 1, maxLength: 3 }),
      order: fc.array(fc.nat(), { maxLength: 3 }),
      repeats: fc.nat({ max: 3 })
    })
    const coverage = verdictCoverage()
    await fc.assert(fc.asyncProperty(scenario, async ({ verdicts, order, repeats }) => {
      coverage.note(verdicts, repeats)
      const photos = await Promise.all(verdicts.map(() => uploadPhoto(h)))
      const made = await h.ok(OPENID.liaisonA, 'activity', 'record', checkinInput({ photos, attendeeIds: ['liaison-a', 'intern-a'] }))
      // What record stores when the check answers trace ids (locally media pass at once).
      const traceIds = traceIdsFor(made.id, photos.length)
      await h.app.database().collection('checkins').doc(made.id).update({
        review: 'review', mediaTraceIds: traceIds, photoChecks: photos.map((fileID, i) => ({ fileID, traceId: traceIds[i] }))
      })
      const before = await seen(h, made.id)
      expect(before.leader.every((u) => typeof u === 'string')).toBe(true)
      expect(before.member.every((u) => u === null)).toBe(true)

      for (const i of sequenceOf(photos.length, order, repeats)) expect(await push(h, 'lesson', mediaEvent(traceIds[i], verdicts[i]))).toMatchObject({ ok: true })

      const kept = photos.filter((_, i) => verdicts[i] !== 'risky')
      const after = await seen(h, made.id)
      expect(after.photos).toEqual(kept)
      for (const [i, p] of photos.entries()) expect(await fileExists(h, p)).toBe(verdicts[i] !== 'risky')
      // The recorder still sees the check-in, without the risky photos.
      expect(after.leader).toEqual(kept.map(() => expect.any(String)))
      if (verdicts.includes('review')) {
        expect(after.review).toBe('review')
        expect(after.member.every((u) => u === null)).toBe(true)
      } else {
        expect(after.review).toBe('pass')
        expect(after.member).toEqual(kept.map(() => expect.any(String)))
      }
    }), { numRuns: 6, seed: 101, examples: VERDICT_EXAMPLES })
    // Fewer runs, every case still reached.
    expect(coverage.cases()).toEqual(VERDICT_CASES)
  })

  it('a verdict for a trace id no check-in waits for changes nothing', async () => {
    const made = await h.ok(OPENID.liaisonA, 'activity', 'record', checkinInput({ photos: [await uploadPhoto(h)] }))
    await h.app.database().collection('checkins').doc(made.id).update({ review: 'review', mediaTraceIds: ['t-known'], photoChecks: [{ fileID: made.photos[0].fileID, traceId: 't-known' }] })
    const before = h.snapshot()
    for (const s of ['pass', 'risky'] as const) expect(await push(h, 'lesson', mediaEvent('t-unknown', s))).toMatchObject({ ok: true, data: { lessonId: null, heldPhotos: { collection: null, id: null } } })
    expect(h.snapshot()).toBe(before)
  })
})
