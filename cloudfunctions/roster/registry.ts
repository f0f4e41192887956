import type { rosterActions } from '../../types/actions/roster'
import type { DomainRegistry } from '../common/dispatcher'
import { exportRoster } from './actions/export'
import { importRoster } from './actions/import'
import { listRoster } from './actions/list'
import { sampleRoster } from './actions/sample'
import { uploadTicket } from './actions/uploadTicket'

/** `roster`: the yearly roster of interns. */
export const registry = { import: importRoster, export: exportRoster, list: listRoster, uploadTicket, sample: sampleRoster } satisfies DomainRegistry<typeof rosterActions>
