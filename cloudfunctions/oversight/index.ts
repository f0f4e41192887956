import { createMain } from '../common/dispatcher'
import { registry } from './registry'

/** `oversight`: the branch's dashboard, alerts and their daily digest, cadence settings, the year-end export. */
export const main = createMain('oversight', registry)
