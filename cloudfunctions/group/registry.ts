import { assignAdvisors, assignRoles, assignUnitContacts, setFlagIssued } from './actions/assign'
import { detail } from './actions/detail'
import { applyFormation, previewFormation } from './actions/formation'
import { history } from './actions/history'
import { join } from './actions/join'
import { list } from './actions/list'
import { moveMember } from './actions/moveMember'
import { suggestLiaisons } from './actions/suggestLiaisons'

/** `group`: forming groups, browsing them, roles and membership. */
export const registry = {
  previewFormation, applyFormation, list, detail, join, suggestLiaisons,
  assignRoles, assignAdvisors, assignUnitContacts, moveMember, history, setFlagIssued
}
