import type { oversightActions } from '../../types/actions/oversight'
import type { DomainRegistry } from '../common/dispatcher'
import { alerts } from './actions/alerts'
import { dashboard } from './actions/dashboard'
import { exportYear } from './actions/exportYear'
import { groupActivity } from './actions/groupActivity'
import { saveSettings } from './actions/saveSettings'
import { settings } from './actions/settings'
import { subscribe } from './actions/subscribe'

/** `oversight`: the branch's dashboard, the group activity grid, alerts, cadence settings and the year-end export. */
export const registry = {
  dashboard, groupActivity, alerts, settings, saveSettings, subscribe, exportYear
} satisfies DomainRegistry<typeof oversightActions>
