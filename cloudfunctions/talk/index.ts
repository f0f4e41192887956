import { createMain } from '../common/dispatcher'
import { registry } from './registry'

/** `talk`: heart-to-heart talks (谈心谈话) and their coverage per group and term. */
export const main = createMain('talk', registry)
