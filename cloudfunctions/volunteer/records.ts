/** Reading volunteer records, checking what they hold, and who verifies them. */
import { database } from '../common/app'
import type { ActionContext } from '../common/dispatcher'
import { invalid } from '../common/errors'
import { screenContent } from '../common/ports'
import { temporaryUrls } from '../common/storage'
import { V, VolunteerDoc } from './model'

/** A record by id, or null. One request. */
export async function findRecord(id: string): Promise<VolunteerDoc | null> {
  return ((await database().collection(V.records).doc(id).get()).data[0] as VolunteerDoc | undefined) ?? null
}

/** The text passes the content check (risky refused; held kept and marked); the photos must exist. No database request. */
export async function screenRecord(texts: string[], photos: string[], openid: string | null): Promise<'pass' | 'review'> {
  const [urls, screened] = await Promise.all([
    temporaryUrls(photos),
    screenContent({ texts, media: photos.map((fileID) => ({ fileID, kind: 'image' as const, what: '图片' })), scene: 'log' }, openid, '志愿服务内容')
  ])
  if (photos.some((p) => !urls.has(p))) throw invalid('图片不存在，请重新上传')
  return screened.verdict
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
