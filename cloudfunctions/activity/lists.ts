/** A page of check-ins as lists show them, with their covers. */
import type { z } from 'zod'
import type { checkinListItem } from '../../types/actions/activity'
import type { ActionContext } from '../common/dispatcher'
import { temporaryUrls } from '../common/storage'
import { leads } from './checkins'
import type { CheckinDoc } from './model'
import { listItemOf } from './views'

/** The items of a page: a cover for each check-in with photos the caller may see (storage requests only). */
export async function itemsOf(ctx: ActionContext, docs: CheckinDoc[]): Promise<z.input<typeof checkinListItem>[]> {
  const shown = (c: CheckinDoc): string | null => (c.photos.length && (c.review === 'pass' || leads(ctx, c)) ? c.photos[0] : null)
  const urls = await temporaryUrls(docs.map(shown))
  const me = ctx.person()._id
  return docs.map((c) => listItemOf(c, me, urls.get(shown(c) ?? '') ?? null))
}
