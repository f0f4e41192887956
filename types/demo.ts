/**
 * The demo school's development identities: WeChat accounts the seed binds to people of
 * each role, so that one person can try every role on H5 against the local emulator (the
 * local sign-in page lists them). They exist only in seeded local data.
 */
export const DEV_IDENTITIES = {
  admin: 'dev-admin',
  advisor: 'dev-advisor',
  unitContact: 'dev-contact',
  liaison: 'dev-liaison',
  coreMember: 'dev-core',
  member: 'dev-member',
  intern: 'dev-intern',
  unbound: 'dev-unbound'
} as const

export type DevIdentity = keyof typeof DEV_IDENTITIES

/** How the local sign-in describes each identity, in the order it lists them. */
export const DEV_IDENTITY_LABELS: { key: DevIdentity; role: string; who: string }[] = [
  { key: 'admin', role: '党总支', who: '系党总支管理员：组建小组、导入名单、查看全部小组' },
  { key: 'advisor', role: '指导教师', who: '指导若干实习党小组的教师' },
  { key: 'unitContact', role: '带教老师党员', who: '实习单位的联系人，联系所在医院的小组' },
  { key: 'liaison', role: '联络员', who: '示范小组的学生联络员' },
  { key: 'coreMember', role: '骨干', who: '示范小组的学生骨干（党员）' },
  { key: 'member', role: '党员', who: '示范小组的学生党员，“1+10”联系人' },
  { key: 'intern', role: '实习生', who: '示范小组的普通同学' },
  { key: 'unbound', role: '未绑定', who: '尚未绑定身份的微信用户' }
]
