/** Check-ins as their readers see them. */
import type { z } from 'zod'
import type { checkinListItem, checkinView } from '../../types/actions/activity'
import type { CheckinDoc } from './model'

const iso = (at: Date): string => new Date(at).toISOString()

type Common = Omit<z.input<typeof checkinListItem>, 'photoCount' | 'coverUrl'>

function commonOf(c: CheckinDoc, readerId: string): Common {
  return {
    id: c._id, groupId: c.groupId, groupName: c.groupName, type: c.type, heldAt: iso(c.heldAt), place: c.place, content: c.content,
    recordedBy: c.recordedBy, counts: c.counts, mine: c.attendance?.[readerId]?.state ?? null, review: c.review,
    createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt)
  }
}

/** A check-in as `readerId` reads it, its photos through the URLs issued for them (none: not shown). */
export function checkinViewOf(c: CheckinDoc, urls: Map<string, string>, readerId: string): z.input<typeof checkinView> {
  return {
    ...commonOf(c, readerId),
    photos: c.photos.map((fileID) => ({ fileID, url: urls.get(fileID) ?? null })),
    attendees: c.attendeeIds.map((personId) => ({ personId, name: c.attendance[personId].name, state: c.attendance[personId].state }))
  }
}

/** A check-in in a list. */
export function listItemOf(c: CheckinDoc, readerId: string, coverUrl: string | null): z.input<typeof checkinListItem> {
  return { ...commonOf(c, readerId), photoCount: c.photos.length, coverUrl }
}

/** What a list reads of a check-in: all but the attendance, of which only the reader's own entry (`listed(readerId)`). */
export const listed = (readerId: string): Record<string, boolean> => ({
  groupId: true, groupName: true, type: true, heldAt: true, place: true, content: true, photos: true, review: true, recordedBy: true,
  counts: true, key: true, createdAt: true, updatedAt: true, [`attendance.${readerId}`]: true
})
