/** How roles, kinds and statuses read in Chinese on screen. */
import { POLITICAL_STATUS_LABELS, type PoliticalStatus } from '../../types/domain'
import type { Role } from '../../types/roles'

export const ROLE_LABELS: Record<Role, string> = {
  anonymous: '未登录',
  unbound: '未绑定',
  intern: '实习生',
  liaison: '联络员',
  coreMember: '骨干',
  advisor: '指导教师',
  unitContact: '带教老师党员',
  admin: '党总支'
}

export const KIND_LABELS = { student: '学生', teacher: '教师', unitContact: '实习单位带教老师', staff: '党总支工作人员' } as const

export const statusLabel = (s: PoliticalStatus | null | undefined): string => (s ? POLITICAL_STATUS_LABELS[s] : '未填写')
