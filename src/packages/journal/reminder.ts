/**
 * "老师评论时提醒我": a one-time subscription to the note-comment message, asked right
 * after the writer shares a note with their advisors. WeChat's own sheet on weapp (hidden
 * without a configured template); a plain confirmation on H5. Acceptances go to
 * `journal.subscribe`.
 */
import Taro from '@tarojs/taro'
import { call } from '../../services/cloud'

const templateId = (): string => process.env.TARO_APP_NOTE_TEMPLATE_ID ?? ''
const isWeapp = process.env.TARO_ENV === 'weapp'

export const noteReminderAvailable = (): boolean => !isWeapp || templateId() !== ''

/** Asks (must follow a tap) and answers a line for the writer, or null when they declined. */
export async function askNoteReminder(): Promise<string | null> {
  let accepted = 0
  if (isWeapp) {
    const tmplIds = [templateId()]
    try {
      const answer = (await Taro.requestSubscribeMessage({ tmplIds } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>
      accepted = tmplIds.filter((id) => answer[id] === 'accept').length
    } catch (e) {
      if ((e as { errCode?: number } | null)?.errCode === 20004) return '你关闭了小程序的订阅消息，可在右上角“···”›“设置”›“通知管理”中打开'
      return '暂时无法开启提醒，请稍后再试'
    }
  } else {
    try {
      const { confirm } = await Taro.showModal({ title: '老师评论时提醒我', content: '开启后，指导教师评论你的笔记时会提醒你一次（本地运行时，提醒写入模拟器的 outbox）。', confirmText: '开启', cancelText: '暂不' })
      accepted = confirm ? 1 : 0
    } catch {
      accepted = 0
    }
  }
  if (!accepted) return null
  try {
    const { remaining } = await call('journal', 'subscribe', { accepted })
    return `已开启：老师评论时会提醒你（还可提醒 ${remaining} 次）`
  } catch (e) {
    return (e as Error)?.message || '暂时无法开启提醒，请稍后再试'
  }
}
