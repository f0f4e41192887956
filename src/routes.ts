/**
 * Every page's path, in one place: navigation, links and tests use these names. Staff-only
 * pages live in the `staff` subpackage, a group's detail in `group`, reading a lesson in
 * `lesson`, the study journal in `journal`, volunteer service (and the unit contact's
 * verification page, which needs no sign-in) in `volunteer`, check-ins and the group's ledger
 * in `activity`, heart-to-heart talks in `talk`, questions to advisors in `question`, dual cultivation in `cultivation`, the branch's dashboard, alerts and settings in
 * `oversight`, and the
 * H5-only local sign-in in `dev` (which the weapp build leaves out).
 */
export const ROUTES = {
  home: '/pages/home/index',
  group: '/pages/group/index',
  lessons: '/pages/lessons/index',
  badge: '/pages/badge/index',
  me: '/pages/me/index',
  bind: '/pages/bind/index',
  privacy: '/pages/privacy/index',
  groupDetail: '/packages/group/pages/detail/index',
  lessonRead: '/packages/lesson/pages/read/index',
  groups: '/packages/staff/pages/groups/index',
  scan: '/packages/staff/pages/scan/index',
  lessonsManage: '/packages/staff/pages/lessons/index',
  lessonEdit: '/packages/staff/pages/lesson-edit/index',
  lessonFigures: '/packages/staff/pages/lesson-figures/index',
  notesInbox: '/packages/staff/pages/notes/index',
  journal: '/packages/journal/pages/index/index',
  journalEdit: '/packages/journal/pages/edit/index',
  journalNote: '/packages/journal/pages/note/index',
  volunteer: '/packages/volunteer/pages/index/index',
  volunteerLog: '/packages/volunteer/pages/log/index',
  volunteerLink: '/packages/volunteer/pages/link/index',
  volunteerVerify: '/packages/volunteer/pages/verify/index',
  volunteerPending: '/packages/volunteer/pages/pending/index',
  activity: '/packages/activity/pages/index/index',
  activityRecord: '/packages/activity/pages/record/index',
  activityDetail: '/packages/activity/pages/detail/index',
  activityMine: '/packages/activity/pages/mine/index',
  ledger: '/packages/activity/pages/ledger/index',
  talks: '/packages/talk/pages/index/index',
  talkRecord: '/packages/talk/pages/record/index',
  talkDetail: '/packages/talk/pages/detail/index',
  questionAsk: '/packages/question/pages/ask/index',
  questionMine: '/packages/question/pages/mine/index',
  questionDetail: '/packages/question/pages/detail/index',
  questionInbox: '/packages/question/pages/inbox/index',
  questionGroup: '/packages/question/pages/group/index',
  signIn: '/packages/dev/pages/signin/index',
  invites: '/packages/staff/pages/invites/index',
  formation: '/packages/staff/pages/formation/index',
  groupManage: '/packages/staff/pages/group-manage/index',
  roster: '/packages/staff/pages/roster/index',
  cultivation: '/packages/cultivation/pages/index/index',
  cultivationFile: '/packages/cultivation/pages/file/index',
  cultivationObserve: '/packages/cultivation/pages/observe/index',
  cultivationAssign: '/packages/cultivation/pages/assign/index',
  cultivationMine: '/packages/cultivation/pages/mine/index',
  oversight: '/packages/oversight/pages/dashboard/index',
  groupActivity: '/packages/oversight/pages/group-activity/index',
  alerts: '/packages/oversight/pages/alerts/index',
  cadenceSettings: '/packages/oversight/pages/settings/index'
} as const

export type Route = (typeof ROUTES)[keyof typeof ROUTES]

/** The tab pages, in tab bar order. */
export const TABS = [ROUTES.home, ROUTES.group, ROUTES.lessons, ROUTES.badge, ROUTES.me] as const

/** A route with its query string. */
export const withQuery = (route: Route, query: Record<string, string | number | undefined>): string => {
  const q = Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&')
  return q ? `${route}?${q}` : route
}
