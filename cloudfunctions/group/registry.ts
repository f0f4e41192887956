import type { groupActions } from '../../types/actions/group'
import type { DomainRegistry } from '../common/dispatcher'
import { applyFormation } from './actions/applyFormation'
import { assignable } from './actions/assignable'
import { assignAdvisors } from './actions/assignAdvisors'
import { assignRoles } from './actions/assignRoles'
import { assignUnitContacts } from './actions/assignUnitContacts'
import { detail } from './actions/detail'
import { history } from './actions/history'
import { join } from './actions/join'
import { list } from './actions/list'
import { manage } from './actions/manage'
import { moveMember } from './actions/moveMember'
import { previewFormation } from './actions/previewFormation'
import { setFlagIssued } from './actions/setFlagIssued'
import { suggestLiaisons } from './actions/suggestLiaisons'

/** `group`: forming groups, browsing them, roles and membership. */
export const registry = {
  previewFormation, applyFormation, list, detail, join, suggestLiaisons,
  assignRoles, assignAdvisors, assignUnitContacts, moveMember, history, setFlagIssued, manage, assignable
} satisfies DomainRegistry<typeof groupActions>
