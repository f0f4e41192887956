/**
 * The daily digest: each person named to act on some alert gets one subscription message
 * a China day, summing their alerts. The day names the dispatch (one acceptance taken per
 * person per day, however often the job runs) and each message's key (queued once per
 * person per day), so a job that died part-way and runs again sends nothing twice.
 */
import { ALERT_KIND_LABELS, ALERT_KINDS, AlertKind, OVERSIGHT_PAGES } from '../../../types/actions/oversight'
import { readByIds } from '../../common/db'
import { C, PersonDoc } from '../../common/model'
import { MessageTemplate, messenger, takeSubscriptions } from '../../common/ports'
import type { Alert } from './rules'

export const DIGEST_TEMPLATE: MessageTemplate = 'oversightDigest'

/** The page the digest opens (no leading slash, as WeChat takes it). */
const PAGE = OVERSIGHT_PAGES.alerts.slice(1)

export const digestDispatch = (day: string): string => `oversightDigest:${day}`
export const digestKey = (personId: string, day: string): string => `oversightDigest:${personId}:${day}`

/** Each person's alerts (those naming them to act), urgent first. */
export function alertsByActor(alerts: Alert[]): Map<string, Alert[]> {
  const byActor = new Map<string, Alert[]>()
  for (const a of [...alerts].sort((x, y) => (x.key < y.key ? -1 : 1))) {
    for (const id of new Set(a.actors.map((x) => x.id).filter((x): x is string => !!x))) {
      const mine = byActor.get(id)
      if (mine) mine.push(a)
      else byActor.set(id, [a])
    }
  }
  return byActor
}

/** The digest's fields: how many of which kinds, the first one, the day. */
export function digestData(alerts: Alert[], day: string): Record<string, string> {
  const byKind = new Map<AlertKind, number>()
  for (const a of alerts) byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1)
  const kinds = ALERT_KINDS.filter((k) => byKind.has(k)).map((k) => `${ALERT_KIND_LABELS[k]}${byKind.get(k)}`)
  return {
    thing1: `${alerts.length}条待办：${kinds.join('、')}`,
    thing2: `${alerts[0].groupName}：${alerts[0].message}`,
    date3: day
  }
}

/**
 * Queues today's digests for everyone the alerts name who is bound to WeChat and has an
 * acceptance left; answers how many are queued. Requests: the people a thousand at a
 * time, two per thousand for the acceptances, one per five hundred messages.
 */
export async function sendDigests(alerts: Alert[], day: string): Promise<number> {
  const byActor = alertsByActor(alerts)
  if (!byActor.size) return 0
  const people = await readByIds<Pick<PersonDoc, '_id' | 'openid'>>(C.people, [...byActor.keys()], { openid: true })
  const openids = new Map(people.filter((p) => p.openid).map((p) => [p._id, p.openid!]))
  const who = await takeSubscriptions([...openids.keys()], DIGEST_TEMPLATE, digestDispatch(day))
  if (!who.length) return 0
  return messenger().send(who.map((personId) => ({
    personId,
    openid: openids.get(personId)!,
    template: DIGEST_TEMPLATE,
    page: PAGE,
    data: digestData(byActor.get(personId)!, day),
    key: digestKey(personId, day)
  })))
}
