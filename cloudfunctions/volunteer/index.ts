import { createMain } from '../common/dispatcher'
import { registry } from './registry'

/** `volunteer`: volunteer service hours and their verification (志愿服务). */
export const main = createMain('volunteer', registry)
