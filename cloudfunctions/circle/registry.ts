import { autoAssign, coverage, list, setMentor } from './actions'

/** `circle`: the "1+10" contact circles. */
export const registry = { autoAssign, setMentor, list, coverage }
