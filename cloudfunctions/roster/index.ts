import { createMain } from '../common/dispatcher'
import { registry } from './registry'

export const main = createMain('roster', registry)
