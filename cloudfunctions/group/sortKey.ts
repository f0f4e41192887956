import type { Keyset } from '../common/db'
import { C, GroupDoc } from '../common/model'

/**
 * The order groups are listed in: province, then name, then the formation key (unique).
 * Stored on each group as `sortKey` when it is created (province and name never change),
 * and indexed, so the list reads a page as one index range; a compound sort could not be
 * resumed with one range.
 */
export const groupSortKey = (g: Pick<GroupDoc, 'province' | 'name' | 'key'>): string => [g.province, g.name, g.key].join('\u0000')

/** Groups a page at a time, by `sortKey`. */
export const groupKeyset: Keyset = {
  list: 'groups',
  collection: C.groups,
  field: 'sortKey',
  key: /^[^\u0000]{1,100}\u0000[^\u0000]{1,100}\u0000[^\u0000]{1,200}$/
}
