import type { circleActions } from '../../types/actions/circle'
import type { DomainRegistry } from '../common/dispatcher'
import { autoAssign } from './actions/autoAssign'
import { coverage } from './actions/coverage'
import { list } from './actions/list'
import { setMentor } from './actions/setMentor'

/** `circle`: the "1+10" contact circles. */
export const registry = { autoAssign, setMentor, list, coverage } satisfies DomainRegistry<typeof circleActions>
