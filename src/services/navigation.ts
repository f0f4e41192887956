/**
 * Role-aware navigation. The tab bar is fixed (首页 小组 微党课 身份牌 我的); what a tab
 * holds follows the caller's role, and the badge tab says what it is for them: their badge,
 * or checking others' badges for staff who have none.
 */
import Taro from '@tarojs/taro'
import { ROUTES, TABS } from '../routes'
import type { Me } from './session'
import { canVerifyBadges, hasBadge } from './session'

/** The badge tab's place in the tab bar (src/routes.ts TABS). */
const BADGE_TAB = TABS.indexOf(ROUTES.badge)

let lastLabel = ''

export function applyRoleTabs(me: Me | null): void {
  const label = me && !hasBadge(me) && canVerifyBadges(me) ? '扫码验证' : '身份牌'
  if (label === lastLabel) return
  lastLabel = label
  Taro.setTabBarItem({ index: BADGE_TAB, text: label }).catch(() => { lastLabel = '' })
}
