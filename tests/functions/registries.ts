/** Every function's action registry, and a valid example input for each action (about group A). */
import { registry as activity } from '../../cloudfunctions/activity/registry'
import { registry as badge } from '../../cloudfunctions/badge/registry'
import { registry as circle } from '../../cloudfunctions/circle/registry'
import { registry as cultivation } from '../../cloudfunctions/cultivation/registry'
import { registry as group } from '../../cloudfunctions/group/registry'
import { registry as journal } from '../../cloudfunctions/journal/registry'
import { registry as lesson } from '../../cloudfunctions/lesson/registry'
import { registry as question } from '../../cloudfunctions/question/registry'
import { registry as oversight } from '../../cloudfunctions/oversight/registry'
import { registry as roster } from '../../cloudfunctions/roster/registry'
import { registry as talk } from '../../cloudfunctions/talk/registry'
import { registry as user } from '../../cloudfunctions/user/registry'
import { registry as volunteer } from '../../cloudfunctions/volunteer/registry'
import type { ActionRegistry } from '../../cloudfunctions/common/dispatcher'
import type { FunctionName } from '../../types/contract'

export const registries: Record<FunctionName, ActionRegistry> = { user, roster, group, circle, badge, lesson, journal, activity, volunteer, talk, question, cultivation, oversight }

export const EXAMPLES: Record<FunctionName, Record<string, Record<string, unknown>>> = {
  user: {
    home: {},
    me: {},
    bind: { studentNo: '2023030002', name: '陈未绑' },
    redeemInvite: { code: 'ABCDEFGH' },
    createInvite: { kind: 'teacher', name: '新老师' },
    listInvites: { pageSize: 5 },
    revokeInvite: { code: 'ABCDEFGH' },
    inviteUnits: {},
    unbind: { personId: 'intern-b' }
  },
  roster: {
    import: { fileID: 'cloud://local.local-1300000000/uploads/none.csv' },
    export: {},
    list: { pageSize: 5 },
    uploadTicket: { name: '名单.xlsx', bytes: 2048 },
    sample: {}
  },
  group: {
    previewFormation: {},
    applyFormation: { fingerprint: 'stale' },
    list: {},
    detail: { groupId: 'group-a' },
    join: { inviteCode: 'AAAAAA' },
    suggestLiaisons: { groupId: 'group-a' },
    assignRoles: { groupId: 'group-a', liaisonId: 'member-a3', coreMemberIds: [] },
    assignAdvisors: { groupId: 'group-a', advisorIds: ['advisor-a'] },
    assignUnitContacts: { groupId: 'group-a', unitContactIds: ['contact-a'] },
    moveMember: { personId: 'intern-a', toGroupId: 'group-b', reason: '更换实习医院' },
    history: { personId: 'intern-a' },
    setFlagIssued: { groupId: 'group-a', issued: true },
    manage: { groupId: 'group-a' },
    assignable: { kind: 'teacher' }
  },
  circle: {
    autoAssign: { groupId: 'group-a' },
    setMentor: { studentId: 'intern-a', mentorId: 'member-a3' },
    list: { groupId: 'group-a' },
    coverage: {}
  },
  badge: {
    get: {},
    verify: { token: 'PB1.e30.AAAA' }
  },
  // About a lesson the fixture does not hold: the allowed are answered NOT_FOUND (or an empty result), never refused.
  lesson: {
    save: { title: '学习党章', summary: '党章第一章', body: '## 党员\n\n党员必须履行下列义务。', target: { kind: 'groups', groupIds: ['group-a'] } },
    publish: { lessonId: 'lesson-none' },
    review: { lessonId: 'lesson-none', verdict: 'pass' },
    discard: { lessonId: 'lesson-none' },
    edit: { lessonId: 'lesson-none' },
    manage: { pageSize: 5 },
    list: { pageSize: 5 },
    get: { lessonId: 'lesson-none' },
    markRead: { lessonId: 'lesson-none' },
    answerQuiz: { lessonId: 'lesson-none', answers: [{ questionId: 'q1', chosen: ['a'] }] },
    figures: { lessonId: 'lesson-none' },
    unread: { lessonId: 'lesson-none', groupId: 'group-a' },
    exportFigures: {},
    uploadTicket: { kind: 'cover', name: '封面.png', contentType: 'image/png', bytes: 2048 },
    subscribe: { accepted: 1 }
  },
  // About a note the fixture does not hold: the allowed are answered NOT_FOUND (or an empty result), never refused.
  journal: {
    save: { requestId: 'req-example-1', body: '今天学习了党章，体会到党员要密切联系群众。', visibility: 'advisor' },
    remove: { requestId: 'req-example-2', noteId: 'note-none' },
    mine: { pageSize: 5 },
    get: { noteId: 'note-none' },
    shared: { pageSize: 5 },
    group: { groupId: 'group-a', pageSize: 5 },
    comment: { requestId: 'req-example-3', noteId: 'note-none', body: '写得很好，继续保持。' },
    export: {},
    uploadTicket: { name: '照片.png', contentType: 'image/png', bytes: 2048 },
    subscribe: { accepted: 1 }
  },
  // About a check-in the fixture does not hold: the allowed are answered NOT_FOUND (or an empty result), never refused.
  activity: {
    record: { requestId: 'req-example-4', groupId: 'group-a', type: 'study', heldAt: '2026-09-01T10:00:00+08:00', place: '医院会议室', content: '学习党的二十大精神', attendeeIds: ['liaison-a'] },
    list: { groupId: 'group-a', pageSize: 5 },
    mine: { pageSize: 5 },
    get: { checkinId: 'checkin-none' },
    confirm: { checkinId: 'checkin-none' },
    requestJoin: { checkinId: 'checkin-none' },
    decide: { checkinId: 'checkin-none', personId: 'intern-a', approve: true },
    uploadTicket: { groupId: 'group-a', name: '照片.png', contentType: 'image/png', bytes: 2048 },
    subscribe: { accepted: 1 },
    ledger: { groupId: 'group-a', month: '2026-09' },
    exportLedger: { groupId: 'group-a' }
  },
  // About a record the fixture does not hold: the allowed are answered NOT_FOUND (or refused for the link), never PERMISSION_DENIED.
  volunteer: {
    log: { requestId: 'req-example-v1', date: '2026-11-01', hours: 2.5, place: '郑州市金水区社区服务中心', category: 'healthOutreach', description: '为社区老人测量血压，宣讲高血压防治知识。' },
    mine: { pageSize: 5 },
    pending: { groupId: 'group-a', pageSize: 5 },
    verify: { recordId: 'volunteer-none', approve: true },
    createLink: { recordId: 'volunteer-none' },
    openLink: { token: 'VL1.e30.AAAAAAAAAAAAAAAA' },
    verifyByLink: { token: 'VL1.e30.AAAAAAAAAAAAAAAA', verifierName: '刘老师', approve: true },
    totals: { by: 'group' },
    uploadTicket: { name: '照片.png', contentType: 'image/png', bytes: 2048 }
  },
  // About group A's intern, and a talk the fixture does not hold: those allowed are answered NOT_FOUND (or an empty result), never refused.
  talk: {
    record: { requestId: 'req-example-t1', groupId: 'group-a', studentId: 'intern-a', date: '2026-11-01', form: 'inPerson', topic: '实习适应情况', summary: '交流了实习科室轮转中的困难和学习计划。' },
    list: { groupId: 'group-a', pageSize: 5 },
    forStudent: { groupId: 'group-a', studentId: 'intern-a', pageSize: 5 },
    get: { talkId: 'talk-none' },
    setFollowUpDone: { talkId: 'talk-none', done: true },
    coverage: { pageSize: 5 }
  },
  // About a question the fixture does not hold: the allowed are answered NOT_FOUND (or an empty result), never refused.
  question: {
    ask: { requestId: 'req-example-q1', advisorId: 'advisor-a', kind: 'professional', visibility: 'private', body: '实习中遇到危重病人时，怎样和家属沟通病情更合适？' },
    advisors: {},
    mine: { pageSize: 5 },
    inbox: { pageSize: 5 },
    answer: { requestId: 'req-example-q2', questionId: 'question-none', body: '先了解家属已经知道什么，再用通俗的话说明病情。' },
    get: { questionId: 'question-none' },
    groupFeed: { groupId: 'group-a', pageSize: 5 },
    subscribe: { accepted: 1 }
  },
  // About a person the fixture does not hold: the allowed are answered NOT_FOUND (or an empty list), never refused.
  cultivation: {
    assignContacts: { personId: 'person-none', schoolContactId: 'advisor-a', unitContactId: 'contact-a' },
    list: { pageSize: 5 },
    get: { personId: 'person-none' },
    observe: { requestId: 'req-example-c1', personId: 'person-none', date: '2026-11-01', aspect: 'study', body: '按时完成轮转科室的学习任务，主动向带教老师请教。' },
    recordReview: { personId: 'person-none', kind: 'sixMonth', dueOn: '2026-04-01', outcome: 'qualified' },
    myOutcomes: {}
  },
  oversight: {
    dashboard: {},
    groupActivity: { pageSize: 5 },
    alerts: { pageSize: 5 },
    settings: {},
    saveSettings: { cadences: { meetingEveryMonths: 1, silentAlertMonths: [1, 2], activistReviewMonths: 6, probationWarnDays: 30, lessonUnreadDays: 7, lessonUnreadShare: 0.5, questionUnansweredDays: 3, talkFollowUpGraceDays: 0 } },
    subscribe: { accepted: 1 },
    exportYear: { year: '2026-2027', by: 'group' }
  }
}

export const allActions = (): [FunctionName, string][] =>
  (Object.keys(registries) as FunctionName[]).flatMap((fn) => Object.keys(registries[fn]).map((a): [FunctionName, string] => [fn, a]))
