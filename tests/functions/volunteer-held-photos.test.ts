/**
 * Volunteer records whose photos are still being checked: until every verdict is in, the
 * photos' URLs go to the record's author only — not to its verifiers (pending list,
 * verification answer) nor through the unit contact's link page, which shows no photos; a
 * pass for all shows them to verifiers; a risky photo is deleted and taken off the record.
 * Verdicts arrive at the `lesson` function, where 消息推送 sends every verdict.
 * Text the check holds for review is refused, to be reworded (as check-ins do).
 */
import fc from 'fast-check'
import { OPENID } from './fixture'
import { fileExists, mediaEvent, push, sequenceOf, Suggest, traceIdsFor, VERDICT_CASES, VERDICT_EXAMPLES, verdictCoverage } from './heldPhotosWorld'
import type { Harness } from './harness'
import { clearVolunteer, logInput, recordsIn, uploadPhoto, useVolunteerHarness, volunteerState } from './volunteerWorld'

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex')

/** The photo URLs each reader gets: the author (mine), a verifier (pending), the unit contact's page (none at all). */
async function seen(h: Harness, id: string, withLink: boolean): Promise<{ author: (string | null)[]; verifier: (string | null)[]; photos: string[] }> {
  const mine = (await h.ok(OPENID.internA, 'volunteer', 'mine', { pageSize: 50 })).items.find((i) => i.id === id)!
  const pending = (await h.ok(OPENID.advisorA, 'volunteer', 'pending', { groupId: 'group-a', pageSize: 50 })).items.find((i) => i.id === id)!
  if (withLink) {
    const link = await h.ok(OPENID.internA, 'volunteer', 'createLink', { recordId: id })
    expect((await h.ok(null, 'volunteer', 'openLink', { token: link.token })).record).not.toHaveProperty('photos')
  }
  return { author: mine.photos.map((p) => p.url), verifier: pending.photos.map((p) => p.url), photos: mine.photos.map((p) => p.fileID) }
}

describe('volunteer: photos held for their check', () => {
  const h = useVolunteerHarness()

  it('shows held photos to the author only, then to verifiers once all passed; removes a risky one; whatever order the verdicts come in', async () => {
    const scenario = fc.record({
      verdicts: fc.array(fc.constantFrom<Suggest>('pass', 'pass', 'risky', 'review'), { minLength: 1, maxLength: 3 }),
      order: fc.array(fc.nat(), { maxLength: 3 }),
      repeats: fc.nat({ max: 3 })
    })
    const coverage = verdictCoverage()
    await fc.assert(fc.asyncProperty(scenario, async ({ verdicts, order, repeats }) => {
      coverage.note(verdicts, repeats)
      await clearVolunteer(h)
      const photos = await Promise.all(verdicts.map(() => uploadPhoto(h, PNG)))
      const made = await h.ok(OPENID.internA, 'volunteer', 'log', logInput({ photos }))
      const traceIds = traceIdsFor(made.id, photos.length)
      await h.app.database().collection('volunteerRecords').doc(made.id).update({
        review: 'review', mediaTraceIds: traceIds, photoChecks: photos.map((fileID, i) => ({ fileID, traceId: traceIds[i] }))
      })
      const before = await seen(h, made.id, true)
      expect(before.author.every((u) => typeof u === 'string')).toBe(true)
      expect(before.verifier.every((u) => u === null)).toBe(true)

      for (const i of sequenceOf(photos.length, order, repeats)) expect(await push(h, 'lesson', mediaEvent(traceIds[i], verdicts[i]))).toMatchObject({ ok: true })

      const kept = photos.filter((_, i) => verdicts[i] !== 'risky')
      const after = await seen(h, made.id, false)
      expect(after.photos).toEqual(kept)
      expect(after.author).toEqual(kept.map(() => expect.any(String)))
      for (const [i, p] of photos.entries()) expect(await fileExists(h, p)).toBe(verdicts[i] !== 'risky')
      const verified = await h.ok(OPENID.advisorA, 'volunteer', 'verify', { recordId: made.id, approve: true })
      if (verdicts.includes('review')) {
        expect(after.verifier.every((u) => u === null)).toBe(true)
        expect(verified.photos.every((p) => p.url === null)).toBe(true)
      } else {
        expect(after.verifier).toEqual(kept.map(() => expect.any(String)))
        expect(verified.photos.map((p) => p.url)).toEqual(kept.map(() => expect.any(String)))
      }
    }), { numRuns: 6, seed: 102, examples: VERDICT_EXAMPLES })
    // Fewer runs, every case still reached.
    expect(coverage.cases()).toEqual(VERDICT_CASES)
  })

  it('refuses text the check holds for review, asking to reword it, and stores nothing', async () => {
    const held = fc.constantFrom('赌博', '传销', '高利贷', '校园贷').chain((w) => fc.constantFrom({ description: `社区义诊，讨论了${w}相关话题。` }, { place: `${w}广场` }))
    const before = await volunteerState(h)
    await fc.assert(fc.asyncProperty(held, async (change) => {
      const r = await h.call(OPENID.internA, 'volunteer', 'log', logInput(change))
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/请修改后再提交/) } })
    }), { numRuns: 8 })
    expect(await volunteerState(h)).toBe(before)
    expect(await recordsIn(h)).toHaveLength(0)
  })
})
