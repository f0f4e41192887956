import { createMain } from '../common/dispatcher'
import { registry } from './registry'

/**
 * `question`: questions to advisors (向指导教师提问). No timer of its own: answer messages
 * wait in the shared outbox, delivered by the `lesson` function's `deliverMessages`.
 */
export const main = createMain('question', registry)
