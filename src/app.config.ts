// Pages and subpackages; paths as in src/routes.ts (without the leading slash).
const devPages = process.env.TARO_ENV === 'h5'
  // The local sign-in lists the emulator's development identities: H5 only, never in the weapp build.
  ? [{ root: 'packages/dev', pages: ['pages/signin/index'] }]
  : []

export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/group/index',
    'pages/lessons/index',
    'pages/badge/index',
    'pages/me/index',
    'pages/bind/index',
    'pages/privacy/index'
  ],
  subPackages: [
    { root: 'packages/group', pages: ['pages/detail/index'] },
    { root: 'packages/lesson', pages: ['pages/read/index'] },
    { root: 'packages/staff', pages: ['pages/groups/index', 'pages/scan/index', 'pages/lessons/index', 'pages/lesson-edit/index', 'pages/lesson-figures/index', 'pages/notes/index', 'pages/invites/index', 'pages/formation/index', 'pages/group-manage/index', 'pages/roster/index'] },
    { root: 'packages/journal', pages: ['pages/index/index', 'pages/edit/index', 'pages/note/index'] },
    { root: 'packages/volunteer', pages: ['pages/index/index', 'pages/log/index', 'pages/link/index', 'pages/verify/index', 'pages/pending/index'] },
    { root: 'packages/activity', pages: ['pages/index/index', 'pages/record/index', 'pages/detail/index', 'pages/mine/index', 'pages/ledger/index'] },
    { root: 'packages/talk', pages: ['pages/index/index', 'pages/record/index', 'pages/detail/index'] },
    { root: 'packages/question', pages: ['pages/ask/index', 'pages/mine/index', 'pages/detail/index', 'pages/inbox/index', 'pages/group/index'] },
    { root: 'packages/cultivation', pages: ['pages/index/index', 'pages/file/index', 'pages/observe/index', 'pages/assign/index', 'pages/mine/index'] },
    { root: 'packages/oversight', pages: ['pages/dashboard/index', 'pages/group-activity/index', 'pages/alerts/index', 'pages/settings/index'] },
    ...devPages
  ],
  tabBar: {
    color: '#6b6b6b',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/group/index', text: '小组', iconPath: 'assets/tabbar/group.png', selectedIconPath: 'assets/tabbar/group-active.png' },
      { pagePath: 'pages/lessons/index', text: '微党课', iconPath: 'assets/tabbar/lessons.png', selectedIconPath: 'assets/tabbar/lessons-active.png' },
      { pagePath: 'pages/badge/index', text: '身份牌', iconPath: 'assets/tabbar/badge.png', selectedIconPath: 'assets/tabbar/badge-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' }
    ]
  },
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f3f0',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '实习党小组',
    navigationBarTextStyle: 'white'
  },
  // WeChat's privacy protection: the app asks before it collects anything (see services/privacy.ts).
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents'
})
