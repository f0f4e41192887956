import { rosterActions } from '../../../types/actions/roster'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { C, GroupDoc, PersonDoc } from '../../common/model'

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The roster, a page at a time, with filters. Four database requests. */
export const listRoster = defineAction({
  contract: rosterActions.list,
  handler: async (input) => {
    const db = database()
    const _ = db.command
    const where: Record<string, unknown> = { kind: 'student' }
    if (input.groupId) where.groupId = input.groupId
    else if (input.unassigned) where.groupId = null
    if (input.province) where.province = input.province
    const q = input.keyword
      ? db.collection(C.people).where(_.and([where, _.or([{ no: db.RegExp({ regexp: `^${escapeRegExp(input.keyword)}` }) }, { name: input.keyword }])]))
      : db.collection(C.people).where(where)
    const { total } = await q.count()
    const { data } = await q.orderBy('no', 'asc').skip((input.page - 1) * input.pageSize).limit(input.pageSize).get()
    const people = data as PersonDoc[]
    const groupIds = [...new Set(people.map((p) => p.groupId).filter((g): g is string => !!g))]
    const groups = groupIds.length
      ? new Map(((await db.collection(C.groups).where({ _id: _.in(groupIds) }).field({ name: true }).limit(groupIds.length).get()).data as GroupDoc[]).map((g) => [g._id, g.name]))
      : new Map<string, string>()
    return {
      items: people.map((p) => ({
        id: p._id, studentNo: p.no, name: p.name, grade: p.grade ?? '', major: p.major ?? '',
        politicalStatus: p.politicalStatus!, phone: p.phone ?? '', unitName: p.unitName ?? '',
        province: p.province ?? '', city: p.city ?? '', groupId: p.groupId,
        groupName: p.groupId ? groups.get(p.groupId) ?? null : null, bound: !!p.openid
      })),
      total,
      page: input.page,
      pageSize: input.pageSize
    }
  }
})
