import { userActions } from '../../../types/actions/user'
import { database } from '../../common/app'
import { defineAction } from '../../common/dispatcher'
import { C, UnitDoc } from '../../common/model'

/** At most this many units offered when inviting a unit contact. */
const MAX_UNITS = 500

/** The internship units a unit contact can be invited for, by province and city: two requests with the caller. */
export const inviteUnits = defineAction({
  contract: userActions.inviteUnits,
  handler: async () => {
    const { data } = await database().collection(C.units).orderBy('province', 'asc').orderBy('city', 'asc').limit(MAX_UNITS + 1)
      .field({ _id: true, name: true, province: true, city: true }).get()
    const units = (data as UnitDoc[]).slice(0, MAX_UNITS).map((u) => ({ id: u._id, name: u.name, province: u.province, city: u.city }))
    return { units, more: data.length > MAX_UNITS }
  }
})
