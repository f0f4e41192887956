/**
 * What a check-in may hold: attendees of the group, text that passes the content check, a
 * time not in the future nor over a year ago, photos uploaded through
 * `activity.uploadTicket` that exist. Anything else is refused (INVALID_ARGUMENT) and
 * nothing is written.
 */
import fc from 'fast-check'
import { OPENID } from './fixture'
import { checkinInput, checkinsIn, useActivityHarness } from './activityWorld'

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex')
const DAY = 86_400_000

describe('activity: invalid input', () => {
  const h = useActivityHarness()

  async function uploadPhoto(): Promise<string> {
    const ticket = await h.ok(OPENID.liaisonA, 'activity', 'uploadTicket', { groupId: 'group-a', name: 'photo.png', contentType: 'image/png', bytes: PNG.length })
    expect(ticket.cloudPath).toMatch(/^activity\/\d{6}\/[a-z0-9]{24}\.png$/)
    const res = await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.uploadHeaders, body: new Uint8Array(PNG) })
    expect(res.status).toBe(200)
    return ticket.fileID
  }

  it('refuses generated invalid check-ins and writes nothing', async () => {
    const uploaded = await uploadPhoto()
    const env = uploaded.split('/')[2]
    const mutations: Record<string, Record<string, unknown>> = {
      otherGroupAttendee: { attendeeIds: ['liaison-a', 'intern-b'] },
      unknownAttendee: { attendeeIds: ['nobody-here'] },
      teacherAttendee: { attendeeIds: ['advisor-a'] },
      noAttendees: { attendeeIds: [] },
      future: { heldAt: new Date(Date.now() + DAY).toISOString() },
      tooOld: { heldAt: new Date(Date.now() - 400 * DAY).toISOString() },
      badTime: { heldAt: '2026-13-01 10:00' },
      emptyPlace: { place: '   ' },
      longContent: { content: '学'.repeat(2001) },
      riskyText: { content: '活动结束后有人推荐博彩网站' },
      reviewText: { place: '讲座：远离赌博' },
      unknownType: { type: 'party' },
      extraField: { recordedBy: 'liaison-b' },
      journalPhoto: { photos: [`cloud://${env}/journal/202609/${'a'.repeat(24)}.png`] },
      missingPhoto: { photos: [`cloud://${env}/activity/202609/${'b'.repeat(24)}.png`] },
      tooManyPhotos: { photos: Array(10).fill(uploaded) },
      badRequestId: { requestId: 'x' }
    }
    const keys = Object.keys(mutations)
    // Every mutation, alone and two at a time, by either leader.
    await fc.assert(fc.asyncProperty(fc.shuffledSubarray(keys, { minLength: keys.length }), fc.constantFrom(...keys), fc.constantFrom(OPENID.liaisonA, OPENID.coreA),
      async (order, extra, openid) => {
        for (const which of order) {
          const res = await h.call(openid, 'activity', 'record', { ...checkinInput(), ...mutations[extra], ...mutations[which] })
          expect({ which, extra, code: res.ok ? 'ok' : res.error.code }).toEqual({ which, extra, code: 'INVALID_ARGUMENT' })
          expect(!res.ok && /[\u4e00-\u9fa5]/.test(res.error.message)).toBe(true)
        }
        expect(await checkinsIn(h)).toEqual([])
      }), { numRuns: 3 })
    // The uploaded photo itself is taken, and read back through a URL by the group's members.
    const made = await h.ok(OPENID.liaisonA, 'activity', 'record', checkinInput({ photos: [uploaded] }))
    const seen = await h.ok(OPENID.internA, 'activity', 'get', { checkinId: made.id })
    expect(seen.photos).toEqual([{ fileID: uploaded, url: expect.any(String) }])
  })

  it('refuses photo uploads of another type or too large, and ids that are not ids', async () => {
    for (const bad of [{ contentType: 'image/gif', bytes: 10 }, { contentType: 'image/png', bytes: 6 * 1024 * 1024 }]) {
      expect(await h.call(OPENID.liaisonA, 'activity', 'uploadTicket', { groupId: 'group-a', name: 'x', ...bad })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    }
    expect(await h.call(OPENID.internA, 'activity', 'uploadTicket', { groupId: 'group-a', name: 'x', contentType: 'image/png', bytes: 10 })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    for (const checkinId of ['', ' '.repeat(3), 'x'.repeat(65)]) {
      expect(await h.call(OPENID.internA, 'activity', 'confirm', { checkinId })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    }
    expect(await h.call(OPENID.liaisonA, 'activity', 'decide', { checkinId: 'c', personId: 'a.b', approve: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await h.call(OPENID.internA, 'activity', 'list', { groupId: 'group-a', cursor: 'not-a-cursor' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })
})
