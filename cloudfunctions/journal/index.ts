import { createMain } from '../common/dispatcher'
import { registry } from './registry'

/**
 * `journal`: the study journal. Comment messages are queued in the shared outbox and
 * delivered by the `deliverMessages` timer that delivers every queued message.
 */
export const main = createMain('journal', registry)
