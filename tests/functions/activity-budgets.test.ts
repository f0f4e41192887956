/**
 * Database requests of the check-in actions, measured: each at most 4 with the caller load,
 * the same with a few thousand check-ins stored (written straight into the database), and
 * a page reads about a page of documents.
 */
import { AttendanceEntryDoc, checkinKey, CheckinDoc, entryOf, newCheckinId } from '../../cloudfunctions/activity/model'
import { OPENID } from './fixture'
import { checkinInput, recordCheckin, rid, useActivityHarness } from './activityWorld'

const DAY = 86_400_000

/** `n` check-ins of groups A and B over the past year, intern A listed on every third, liaison A on all. */
function bulkCheckins(n: number): CheckinDoc[] {
  const now = Date.now()
  return Array.from({ length: n }, (_x, i) => {
    const _id = newCheckinId('liaison-a', `bulk-${i}`)
    const heldAt = new Date(now - DAY - (i * 360 * DAY) / n)
    const ids = i % 3 === 0 ? ['liaison-a', 'intern-a'] : ['liaison-a', 'member-a3']
    return {
      _id, groupId: i % 2 ? 'group-a' : 'group-b', groupName: '小组', type: 'study', heldAt, place: '会议室', content: `第${i}次学习`, photos: [], review: 'pass',
      recordedBy: { id: 'liaison-a', name: '李联络' }, requestId: `bulk-${i}`,
      attendance: Object.fromEntries(ids.map((id) => [id, { name: id, state: 'listed' as const }])), attendeeIds: ids,
      counts: { listed: 2, confirmed: 0, requested: 0 }, remind: 'done', remindedAt: heldAt, key: checkinKey(heldAt, _id), createdAt: heldAt, updatedAt: heldAt
    }
  })
}

describe('activity: request budgets', () => {
  const h = useActivityHarness()

  const cost = async (run: () => Promise<unknown>): Promise<{ requests: number; docs: number }> => {
    h.resetCounters()
    const docs = h.emulator!.store.stats.docsExamined
    await run()
    return { requests: h.dbRequests(), docs: h.emulator!.store.stats.docsExamined - docs }
  }

  it('every action makes at most 4 database requests, and a page reads about a page, with 3,000 check-ins and 6,000 attendance entries stored', async () => {
    const checkins = bulkCheckins(3000)
    const bulk: (CheckinDoc | AttendanceEntryDoc)[] = [...checkins, ...checkins.flatMap((c) => c.attendeeIds.map((id) => entryOf(id, c)))]
    for (let i = 0; i < bulk.length; i += 500) await h.app.database().collection('checkins').add(bulk.slice(i, i + 500))
    const retried = checkinInput({ attendeeIds: ['liaison-a', 'intern-a'] })
    let checkinId = ''
    let cursor: string | null = null
    const costs = {
      record: await cost(async () => { checkinId = (await h.ok(OPENID.liaisonA, 'activity', 'record', retried)).id }),
      recordRetry: await cost(() => h.ok(OPENID.liaisonA, 'activity', 'record', retried)),
      listFirst: await cost(async () => { cursor = (await h.ok(OPENID.internA, 'activity', 'list', { groupId: 'group-a', pageSize: 20 })).nextCursor }),
      listNext: await cost(() => h.ok(OPENID.advisorA, 'activity', 'list', { groupId: 'group-a', pageSize: 20, cursor: cursor! })),
      mine: await cost(() => h.ok(OPENID.internA, 'activity', 'mine', { pageSize: 20 })),
      get: await cost(() => h.ok(OPENID.internA, 'activity', 'get', { checkinId })),
      confirm: await cost(() => h.ok(OPENID.internA, 'activity', 'confirm', { checkinId })),
      confirmAgain: await cost(() => h.ok(OPENID.internA, 'activity', 'confirm', { checkinId })),
      requestJoin: await cost(async () => {
        const other = await recordCheckin(h, { requestId: rid(), attendeeIds: ['liaison-a'] })
        h.resetCounters()
        await h.ok(OPENID.internA, 'activity', 'requestJoin', { checkinId: other.id })
        checkinId = other.id
      }),
      requestJoinAgain: await cost(() => h.ok(OPENID.internA, 'activity', 'requestJoin', { checkinId })),
      decide: await cost(() => h.ok(OPENID.liaisonA, 'activity', 'decide', { checkinId, personId: 'intern-a', approve: true })),
      decideAgain: await cost(() => h.ok(OPENID.liaisonA, 'activity', 'decide', { checkinId, personId: 'intern-a', approve: true })),
      uploadTicket: await cost(() => h.ok(OPENID.liaisonA, 'activity', 'uploadTicket', { groupId: 'group-a', name: 'a.png', contentType: 'image/png', bytes: 100 })),
      subscribe: await cost(() => h.ok(OPENID.internA, 'activity', 'subscribe', { accepted: 1 }))
    }
    // requestJoin's cost counted from after the check-in it joins was recorded.
    for (const [action, c] of Object.entries(costs)) expect({ action, ok: c.requests <= 4 }).toEqual({ action, ok: true })
    expect(costs.record.requests).toBe(3)
    expect(costs.recordRetry.requests).toBe(4)
    expect(costs.confirm.requests).toBe(2)
    expect(costs.confirmAgain.requests).toBe(3)
    expect(costs.mine.requests).toBe(4)
    expect(costs.requestJoinAgain.requests).toBe(4)
    for (const list of ['listFirst', 'listNext', 'mine'] as const) {
      expect(costs[list].requests).toBeLessThanOrEqual(4)
      // the caller's documents, the page and one more: never the collection
      expect(costs[list].docs).toBeLessThan(60)
    }
  }, 60_000)
})
