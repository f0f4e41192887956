/**
 * Type tests for stored values that hold across realms: a Date or RegExp made by
 * `structuredClone` (the update path clones documents) may come from another realm than
 * the code testing it (a jest sandbox, a vm context), where `instanceof` says no.
 */
import { types } from 'node:util'

export const isDate = (v: unknown): v is Date => types.isDate(v)
export const isRegExp = (v: unknown): v is RegExp => types.isRegExp(v)
