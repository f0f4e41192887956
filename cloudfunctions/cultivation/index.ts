import { createMain } from '../common/dispatcher'
import { registry } from './registry'

/** `cultivation`: 双联系人、双培养 — each activist's and probationary member's two contacts, their observations and the branch's reviews. */
export const main = createMain('cultivation', registry)
