import type { z } from 'zod'
import { ALERT_KINDS, AlertKind, alertView, oversightActions } from '../../../types/actions/oversight'
import { database } from '../../common/app'
import { Keyset, KeysetFilter, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { ALERT_KEY } from '../alerts/rules'
import { AlertDoc, O } from '../model'
import { readSettings } from '../settings'

type AlertCounts = Record<AlertKind, number>

const alertKeyset: Keyset = { list: 'alerts', collection: O.alerts, field: 'key', key: ALERT_KEY }

const viewOf = (a: AlertDoc, checkedAt: string): z.input<typeof alertView> => ({
  id: a._id, kind: a.kind, severity: a.severity, groupId: a.groupId, groupName: a.groupName, province: a.province,
  subject: a.subject, message: a.message, actors: a.actors, link: a.link, since: a.since, checkedAt
})

/** No alerts of any kind. */
const noAlerts = (): AlertCounts => Object.fromEntries(ALERT_KINDS.map((k) => [k, 0])) as AlertCounts

/** The alerts one person sees, by kind: one aggregation over their own (`viewers_1_key_1`). */
async function countsFor(personId: string): Promise<AlertCounts> {
  const $ = database().command.aggregate
  const { data } = await database().collection(O.alerts).aggregate()
    .match({ viewers: personId })
    .group({ _id: '$kind', n: $.sum(1) })
    .end() as { data: { _id: AlertKind; n: number }[] }
  const counts = noAlerts()
  for (const row of data) if (row._id in counts) counts[row._id] = row.n
  return counts
}

/**
 * The current alerts a page at a time: the branch's all (index `key_1`), anyone else's
 * those they see (multikey index `viewers_1_key_1`), with how many the caller sees of each
 * kind. Four requests: the caller, the alerts' state, then the page and — for anyone but
 * the branch, whose counts the state keeps — their counts by kind; the branch's page of
 * one kind is two ranges and no count.
 */
export const alerts = defineAction({
  contract: oversightActions.alerts,
  handler: async (input, ctx) => {
    const { alerts: state } = await readSettings()
    if (!state) return { items: [], nextCursor: null, total: 0, asOf: null, byKind: noAlerts() }
    const branch = ctx.caller.roles.includes('admin')
    const kind = input.kind ? { kind: input.kind } : {}
    // The branch reads the key's index, where a kind is a prefix after the severity (one
    // range for each severity, merged); anyone else their own few alerts, kind checked on each.
    const filters: KeysetFilter<AlertDoc>[] = !branch
      ? [{ where: { viewers: ctx.person()._id, ...kind } }]
      : input.kind ? ['0', '1'].map((sev) => ({ where: {}, keyPrefix: `${sev}${ALERT_KINDS.indexOf(input.kind!)}|` })) : [{ where: {} }]
    const counts = branch
      ? Promise.resolve({ ...noAlerts(), ...state.counts })
      : countsFor(ctx.person()._id)
    const [{ docs, nextCursor }, byKind] = await Promise.all([keysetPage<AlertDoc>(alertKeyset, input, filters), counts])
    const total = input.kind ? byKind[input.kind] : ALERT_KINDS.reduce((n, k) => n + byKind[k], 0)
    const asOf = new Date(state.builtAt).toISOString()
    return { items: docs.map((d) => viewOf(d, asOf)), nextCursor, total, asOf, byKind }
  }
})
