/** Internship units (hospitals, clinics) as the roster names them. */
import { createHash } from 'node:crypto'

/** Units are identified by province, city and name, so re-importing finds the same unit. */
export const unitIdOf = (r: { province: string; city: string; unitName: string }): string =>
  `u${createHash('sha256').update(`${r.province}|${r.city}|${r.unitName}`).digest('hex').slice(0, 31)}`
