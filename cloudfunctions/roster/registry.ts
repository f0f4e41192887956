import type { rosterActions } from '../../types/actions/roster'
import type { DomainRegistry } from '../common/dispatcher'
import { exportRoster } from './actions/export'
import { importRoster } from './actions/import'
import { listRoster } from './actions/list'

/** `roster`: the yearly roster of interns. */
export const registry = { import: importRoster, export: exportRoster, list: listRoster } satisfies DomainRegistry<typeof rosterActions>
