/** Volunteer records as their readers see them. */
import type { z } from 'zod'
import type { volunteerView } from '../../types/actions/volunteer'
import type { VolunteerDoc } from './model'

const iso = (at: Date | null): string | null => (at ? new Date(at).toISOString() : null)

/** A record, its photos through the URLs issued for them. */
export function volunteerViewOf(r: VolunteerDoc, urls: Map<string, string>): z.input<typeof volunteerView> {
  return {
    id: r._id, personId: r.personId, personName: r.personName, groupId: r.groupId, year: r.year, date: r.date, hours: r.hours,
    place: r.place, category: r.category, amount: r.amount, description: r.description,
    photos: r.photos.map((fileID) => ({ fileID, url: urls.get(fileID) ?? null })),
    state: r.state,
    verifiedBy: r.verifiedBy ? { name: r.verifiedBy.name, role: r.verifiedBy.role, via: r.verifiedBy.via } : null,
    verifiedAt: iso(r.verifiedAt), rejectReason: r.rejectReason, createdAt: iso(r.createdAt)!, updatedAt: iso(r.updatedAt)!
  }
}
