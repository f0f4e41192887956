import { groupActions } from '../../../types/actions/group'
import { database } from '../../common/app'
import { Keyset, keysetPage } from '../../common/db'
import { defineAction } from '../../common/dispatcher'
import { C, PersonDoc } from '../../common/model'

/** Teachers or unit contacts a page at a time, in staff-number order. */
const staffKeyset: Keyset = { list: 'assignable', collection: C.people, field: 'no', key: /^[A-Za-z0-9]{1,20}$/ }

/**
 * People of one kind to assign to groups: by index `kind_1_no_1`, or `kind_1_name_1_no_1`
 * for a name; `total` an index count without a keyword. Three database requests.
 */
export const assignable = defineAction({
  contract: groupActions.assignable,
  handler: async (input) => {
    const keyword = input.keyword || undefined
    const where: Record<string, unknown> = keyword === undefined ? { kind: input.kind } : { kind: input.kind, name: keyword }
    const page = keysetPage<PersonDoc>(staffKeyset, input, [{ where }], { no: true, name: true, unitName: true, province: true })
    const total = keyword === undefined ? database().collection(C.people).where(where).count().then((r) => r.total) : null
    const [{ docs, nextCursor }, counted] = await Promise.all([page, total])
    return {
      items: docs.map((p) => ({ id: p._id, name: p.name, unitName: p.unitName ?? null, province: p.province ?? null })),
      nextCursor,
      total: counted
    }
  }
})
