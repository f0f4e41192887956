/** Whether the 微党课 tab has offered the new-lesson reminder (it offers once, on the first visit). */
import Taro from '@tarojs/taro'

const OFFERED_KEY = 'lessonReminderOffered'

/** Whether the 微党课 tab has offered the reminder before. */
export function offeredOnTab(): boolean {
  try {
    return !!Taro.getStorageSync(OFFERED_KEY)
  } catch {
    return false
  }
}

/** Remembers that the tab's offer was answered or dismissed. */
export function markOfferedOnTab(): void {
  try {
    Taro.setStorageSync(OFFERED_KEY, '1')
  } catch {
    // storage unavailable: the offer shows again next time, which does no harm
  }
}
