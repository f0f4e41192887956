/** Reading volunteer records, checking what they hold, and who verifies them. */
import { database } from '../common/app'
import type { ActionContext } from '../common/dispatcher'
import { invalid } from '../common/errors'
import { heldPhotosOf } from '../common/heldPhotos'
import { screenContent } from '../common/ports'
import { temporaryUrls } from '../common/storage'
import { V, VolunteerDoc } from './model'

/** A record by id, or null. One request. */
export async function findRecord(id: string): Promise<VolunteerDoc | null> {
  return ((await database().collection(V.records).doc(id).get()).data[0] as VolunteerDoc | undefined) ?? null
}

/**
 * The text passes the content check at once (risky or held for review: refused, to be
 * reworded, as check-ins do); the photos must exist, and their checks may finish later
 * (the record is then held: its photos shown to its author only). No database request.
 */
export async function screenRecord(texts: string[], photos: string[], openid: string | null): Promise<Pick<VolunteerDoc, 'review' | 'mediaTraceIds' | 'photoChecks'>> {
  const [urls, text, media] = await Promise.all([
    temporaryUrls(photos),
    screenContent({ texts, scene: 'log' }, openid, '志愿服务内容'),
    screenContent({ media: photos.map((fileID) => ({ fileID, kind: 'image' as const, what: '图片' })) }, openid)
  ])
  if (photos.some((p) => !urls.has(p))) throw invalid('图片不存在，请重新上传')
  if (text.verdict !== 'pass') throw invalid(`志愿服务内容需人工审核${text.reason ? `（${text.reason}）` : ''}，请修改后再提交`)
  return heldPhotosOf(media)
}

/** The photos' URLs `readerId` may have: all once their checks passed, else only the author's own. */
export async function photoUrlsFor(records: VolunteerDoc[], readerId: string | null): Promise<Map<string, string>> {
  return temporaryUrls(records.filter((r) => r.review === 'pass' || r.personId === readerId).flatMap((r) => r.photos))
}

/** The groups whose records the caller verifies in the app: the group they are liaison of, the groups they advise. */
export function verifierGroups(ctx: ActionContext): string[] {
  const groups = [...ctx.caller.advisorOf]
  if (ctx.caller.groupRole === 'liaison' && ctx.caller.group) groups.push(ctx.caller.group._id)
  return groups
}

/** Why a verification wrote nothing, from the record as it is now. */
export function settledMessage(r: VolunteerDoc): string {
  return r.state === 'verified' ? '这条记录已核实，无需重复操作' : '这条记录已被退回，无法再核实'
}
