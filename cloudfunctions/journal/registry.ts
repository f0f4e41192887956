import type { journalActions } from '../../types/actions/journal'
import type { DomainRegistry } from '../common/dispatcher'
import { comment } from './actions/comment'
import { exportNotes } from './actions/export'
import { get } from './actions/get'
import { group } from './actions/group'
import { mine } from './actions/mine'
import { remove } from './actions/remove'
import { save } from './actions/save'
import { shared } from './actions/shared'
import { subscribe } from './actions/subscribe'
import { uploadTicket } from './actions/uploadTicket'

/** `journal`: the study journal, from writing a note to its advisors' comments and the year's export. */
export const registry = {
  save, remove, mine, get, shared, group, comment, export: exportNotes, uploadTicket, subscribe
} satisfies DomainRegistry<typeof journalActions>
