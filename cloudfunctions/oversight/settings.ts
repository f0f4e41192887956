/**
 * The branch's settings as read: the cadences (the defaults where the document is absent or
 * a field missing), and where the alerts stand. Both live in the `settings` collection, so
 * one request reads them together.
 */
import { cadences as cadencesSchema, DEFAULT_CADENCES, type Cadences } from '../../types/actions/oversight'
import { database } from '../common/app'
import { ALERTS_STATE_ID, AlertsStateDoc, CADENCES_ID, CadencesDoc, O, orNothing } from './model'

export interface Settings {
  cadences: Cadences
  /** the stored document, null while the defaults apply */
  stored: CadencesDoc | null
  alerts: AlertsStateDoc | null
}

/** The cadences of a stored document over the defaults; a document that no longer passes the schema falls back to the defaults. */
export function cadencesOf(doc: Partial<CadencesDoc> | null | undefined): Cadences {
  if (!doc) return DEFAULT_CADENCES
  const merged = { ...DEFAULT_CADENCES }
  for (const key of Object.keys(DEFAULT_CADENCES) as (keyof Cadences)[]) {
    if (doc[key] !== undefined) (merged as Record<string, unknown>)[key] = doc[key]
  }
  const parsed = cadencesSchema.safeParse(merged)
  return parsed.success ? parsed.data : DEFAULT_CADENCES
}

/** Reads the settings documents given (e.g. joined to another read) into settings. */
export function settingsOf(docs: { _id: string }[]): Settings {
  const stored = (docs.find((d) => d._id === CADENCES_ID) as CadencesDoc | undefined) ?? null
  const alerts = (docs.find((d) => d._id === ALERTS_STATE_ID) as AlertsStateDoc | undefined) ?? null
  return { cadences: cadencesOf(stored), stored, alerts }
}

/** The cadences and the alerts' state: one request. */
export async function readSettings(): Promise<Settings> {
  const db = database()
  const docs = await orNothing(async () => (await db.collection(O.settings).where({ _id: db.command.in([CADENCES_ID, ALERTS_STATE_ID]) }).get()).data as { _id: string }[])
  return settingsOf(docs)
}

/** The ids of the settings documents, to join them to another read (`$lookup` on `_id`). */
export const SETTINGS_IDS = [CADENCES_ID, ALERTS_STATE_ID]
