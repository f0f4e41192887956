/**
 * Role-aware navigation. The tab bar is fixed (首页 小组 身份牌 我的); what a tab holds
 * follows the caller's role, and the third tab says what it is for them: their badge, or
 * checking others' badges for staff who have none.
 */
import Taro from '@tarojs/taro'
import type { Me } from './session'
import { canVerifyBadges, hasBadge } from './session'

let lastLabel = ''

export function applyRoleTabs(me: Me | null): void {
  const label = me && !hasBadge(me) && canVerifyBadges(me) ? '扫码验证' : '身份牌'
  if (label === lastLabel) return
  lastLabel = label
  Taro.setTabBarItem({ index: 2, text: label }).catch(() => { lastLabel = '' })
}
