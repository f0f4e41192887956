/**
 * Writing check-ins from a device queue that may send anything again: one request id
 * records one check-in however often and however concurrently it is sent; confirmations,
 * requests to be added and decisions move a person's state once, and the counts kept on
 * the check-in stay exact under any number of concurrent tries.
 */
import fc from 'fast-check'
import { OPENID } from './fixture'
import { addCrowd, checkinInput, checkinsIn, GROUP_A, recordCheckin, useActivityHarness } from './activityWorld'

describe('activity: writes are applied once', () => {
  const h = useActivityHarness()
  const db = () => h.app.database()

  it('records one check-in for one request id sent many times at once, and answers every try with it', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 2, max: 8 }), fc.subarray(GROUP_A, { minLength: 1 }), fc.constantFrom(OPENID.liaisonA, OPENID.coreA),
      async (n, attendeeIds, recorder) => {
        await db().collection('checkins').where({ _id: db().command.exists(true) }).remove()
        const input = checkinInput({ attendeeIds })
        const answers = await Promise.all(Array.from({ length: n }, () => h.ok(recorder, 'activity', 'record', input)))
        expect(new Set(answers.map((a) => a.id)).size).toBe(1)
        const stored = await checkinsIn(h)
        expect(stored).toHaveLength(1)
        const self = recorder === OPENID.liaisonA ? 'liaison-a' : 'core-a'
        const selfListed = attendeeIds.includes(self) ? 1 : 0
        expect(stored[0].counts).toEqual({ listed: attendeeIds.length - selfListed, confirmed: selfListed, requested: 0 })
        expect(answers[0].attendees.map((a) => a.personId)).toEqual(attendeeIds)
        // each attendee's history entry, once
        const { total: entries } = await db().collection('checkins').where({ checkinId: answers[0].id }).count()
        expect(entries).toBe(attendeeIds.length)
        // Sent again later, after a confirmation, it answers the check-in as it is now.
        const other = attendeeIds.find((id) => id !== self && id === 'intern-a')
        if (other) await h.ok(OPENID.internA, 'activity', 'confirm', { checkinId: answers[0].id })
        const later = await h.ok(recorder, 'activity', 'record', input)
        expect(later.id).toBe(answers[0].id)
        expect(later.counts.confirmed).toBe(selfListed + (other ? 1 : 0))
        expect(await checkinsIn(h)).toHaveLength(1)
      }), { numRuns: 6 })
  })

  it('100 members confirming at once, each sending again, give exact counts; a confirmation is answered the same every time', async () => {
    const crowd = await addCrowd(h, 100)
    await fc.assert(fc.asyncProperty(
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 100, maxLength: 100 }), fc.subarray(crowd.map((_c, i) => i), { minLength: 60 }),
      async (tries, confirming) => {
        const checkin = await recordCheckin(h, { attendeeIds: crowd.map((c) => c.id) })
        expect(checkin.counts).toEqual({ listed: 100, confirmed: 0, requested: 0 })
        const calls = confirming.flatMap((i) => Array.from({ length: tries[i] }, () => crowd[i].openid))
        const answers = await Promise.all(calls.map((openid) => h.ok(openid, 'activity', 'confirm', { checkinId: checkin.id })))
        expect(answers.every((a) => a.state === 'confirmed')).toBe(true)
        const [stored] = (await checkinsIn(h)).filter((c) => c._id === checkin.id)
        expect(stored.counts).toEqual({ listed: 100 - confirming.length, confirmed: confirming.length, requested: 0 })
        const confirmed = Object.entries(stored.attendance).filter(([, a]) => a.state === 'confirmed').map(([id]) => id).sort()
        expect(confirmed).toEqual(confirming.map((i) => crowd[i].id).sort())
        // Counts seen by any answer never pass the true totals.
        expect(Math.max(...answers.map((a) => a.counts.confirmed))).toBe(confirming.length)
      }), { numRuns: 2 })
  }, 60_000)

  it('a member not listed asks to be added once (however often sent), the liaison approves or refuses once, the counts follow', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.integer({ min: 1, max: 4 }), async (asks, approve, decisions) => {
      const checkin = await recordCheckin(h, { attendeeIds: ['liaison-a', 'member-a3'] })
      const requested = await Promise.all(Array.from({ length: asks }, () => h.ok(OPENID.internA, 'activity', 'requestJoin', { checkinId: checkin.id })))
      expect(requested.every((r) => r.state === 'requested')).toBe(true)
      expect(requested[0].counts.requested).toBe(1)
      // Waiting for the decision, confirming is refused.
      expect(await h.call(OPENID.internA, 'activity', 'confirm', { checkinId: checkin.id })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
      const decided = await Promise.all(Array.from({ length: decisions }, (_x, i) =>
        h.ok(i % 2 ? OPENID.coreA : OPENID.liaisonA, 'activity', 'decide', { checkinId: checkin.id, personId: 'intern-a', approve })))
      expect(decided.every((d) => d.state === (approve ? 'confirmed' : 'declined'))).toBe(true)
      const view = await h.ok(OPENID.internA, 'activity', 'get', { checkinId: checkin.id })
      expect(view.mine).toBe(approve ? 'confirmed' : 'declined')
      expect(view.counts).toEqual({ listed: 1, confirmed: 1 + (approve ? 1 : 0), requested: 0 })
      // The other decision is refused and changes nothing; asking again answers (approved) or is refused (declined).
      expect(await h.call(OPENID.liaisonA, 'activity', 'decide', { checkinId: checkin.id, personId: 'intern-a', approve: !approve }))
        .toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
      const again = await h.call(OPENID.internA, 'activity', 'requestJoin', { checkinId: checkin.id })
      expect(again).toMatchObject(approve ? { ok: true, data: { state: 'confirmed' } } : { ok: false, error: { code: 'FAILED_PRECONDITION' } })
      expect((await h.ok(OPENID.liaisonA, 'activity', 'get', { checkinId: checkin.id })).counts).toEqual(view.counts)
    }), { numRuns: 6 })
  })

  it('a listed member is told to confirm rather than ask; someone with no request has nothing to decide', async () => {
    const checkin = await recordCheckin(h, { attendeeIds: ['liaison-a', 'intern-a'] })
    expect(await h.call(OPENID.internA, 'activity', 'requestJoin', { checkinId: checkin.id })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(await h.call(OPENID.liaisonA, 'activity', 'decide', { checkinId: checkin.id, personId: 'masses-a6', approve: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await h.call(OPENID.liaisonA, 'activity', 'decide', { checkinId: checkin.id, personId: 'intern-a', approve: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await h.ok(OPENID.internA, 'activity', 'get', { checkinId: checkin.id })).counts).toEqual({ listed: 1, confirmed: 1, requested: 0 })
  })

  it('asks each listed member with a subscription left to confirm, once per check-in however often the timer runs', async () => {
    await h.ok(OPENID.internA, 'activity', 'subscribe', { accepted: 2 })
    await h.ok(OPENID.coreA, 'activity', 'subscribe', { accepted: 1 })
    const checkin = await recordCheckin(h, { attendeeIds: ['liaison-a', 'core-a', 'intern-a', 'member-a3'] })
    const fired = await Promise.all([1, 2, 3].map(() => h.emulator!.fireTrigger('activity', 'remindCheckins'))) as any[]
    expect(fired.every((f) => f.ok)).toBe(true)
    await h.emulator!.fireTrigger('activity', 'remindCheckins')
    const { data: outbox } = await db().collection('outbox').get()
    expect(outbox.map((m: any) => m.personId).sort()).toEqual(['core-a', 'intern-a'])
    expect(outbox.every((m: any) => m.template === 'checkinConfirm' && m.page.includes(checkin.id))).toBe(true)
    const { data: subs } = await db().collection('subscriptions').get()
    expect(Object.fromEntries(subs.map((s: any) => [s.personId, s.remaining]))).toEqual({ 'intern-a': 1, 'core-a': 0 })
    expect((await checkinsIn(h))[0].remind).toBe('done')
  })

  it('refuses a timer event sent by a client', async () => {
    const { result } = await h.appAs(OPENID.liaisonA).callFunction({ name: 'activity', data: { Type: 'Timer', TriggerName: 'remindCheckins' } as any })
    expect(result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
  })
})
