/**
 * `npm run screenshots`: the main pages of the H5 app, as each role sees them, on a phone
 * and a desktop, against a freshly seeded demo school. Writes docs/screenshots/*.png (the
 * README shows them). Needs dist/h5 (`npm run build:h5`) and Debian's chromium.
 *
 *   npm run screenshots [-- --out <dir>] [-- --only <name>[,<name>...]]
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Page } from 'playwright-core'
import { DEV_IDENTITIES } from '../types/demo'
import { DESKTOP, launchBrowser, openApp, PHONE } from './browser'
import { localApp } from './client'
import { startDemo } from './demo'
import { ROUTES as R } from '../src/routes'

const root = path.resolve(__dirname, '..')

export interface Shot {
  name: string
  openid: string
  /** the page, or how to find it in the seeded demo (its emulator's admin URL given) */
  route: string | ((adminUrl: string) => Promise<string>)
  /** what must be on screen before the picture is taken */
  ready: string
  desktop?: boolean
  consent?: boolean
  /** something to do first (fill a form, open a popup) */
  act?: (page: Page) => Promise<void>
}

/** A development identity's person document. */
async function personOf(adminUrl: string, openid: string): Promise<{ _id: string; groupId: string }> {
  const { data } = await localApp(adminUrl).database().collection('people').where({ openid }).field({ _id: true, groupId: true }).get()
  return data[0] as { _id: string; groupId: string }
}

/** The development liaison's group, as `<route>?groupId=`. */
const liaisonGroup = (route: string) => async (adminUrl: string): Promise<string> =>
  `${route}?groupId=${(await personOf(adminUrl, DEV_IDENTITIES.liaison)).groupId}`

/** The newest check-in the development intern is listed on and has not confirmed, as `<route>?checkinId=`. */
const checkinToConfirm = (route: string) => async (adminUrl: string): Promise<string> => {
  const me = await personOf(adminUrl, DEV_IDENTITIES.intern)
  const { data } = await localApp(adminUrl).database().collection('checkins')
    .where({ groupId: me.groupId, [`attendance.${me._id}.state`]: 'listed' }).orderBy('heldAt', 'desc').limit(1).get()
  return `${route}?checkinId=${(data[0] as { _id: string })._id}`
}

/** The development intern's newest note with a comment, as `<route>?noteId=`. */
const commentedNote = (route: string) => async (adminUrl: string): Promise<string> => {
  const db = localApp(adminUrl).database()
  const { data: [me] } = await db.collection('people').where({ openid: DEV_IDENTITIES.intern }).field({ _id: true }).get()
  const { data } = await db.collection('notes').where({ authorId: (me as { _id: string })._id, commentCount: db.command.gt(0) }).limit(1).get()
  return `${route}?noteId=${(data[0] as { _id: string })._id}`
}

/** The newest seeded lesson readers can see, as `<route>?lessonId=`. */
const newestLesson = (route: string) => async (adminUrl: string): Promise<string> => {
  const db = localApp(adminUrl).database()
  const { data } = await db.collection('lessons').where({ state: 'published' }).orderBy('publishAt', 'desc').limit(1).get()
  return `${route}?lessonId=${(data[0] as { _id: string })._id}`
}

/** The question that has waited longest for the development advisor's answer, as `<route>?questionId=`. */
const waitingQuestion = (route: string) => async (adminUrl: string): Promise<string> => {
  const me = await personOf(adminUrl, DEV_IDENTITIES.advisor)
  const { data } = await localApp(adminUrl).database().collection('questions').where({ advisorId: me._id, status: 'open' }).orderBy('askedAt', 'asc').limit(1).get()
  return `${route}?questionId=${(data[0] as { _id: string })._id}`
}

/** The first person (by student number) under cultivation in the development liaison's group, as `<route>?personId=` (and `&name=`). */
const cultivatedInDemoGroup = (route: string, withName = false) => async (adminUrl: string): Promise<string> => {
  const { groupId } = await personOf(adminUrl, DEV_IDENTITIES.liaison)
  const { data } = await localApp(adminUrl).database().collection('cultivations').where({ groupId }).orderBy('no', 'asc').limit(1).get()
  const file = data[0] as { _id: string; name: string }
  return `${route}?personId=${file._id}${withName ? `&name=${encodeURIComponent(file.name)}` : ''}`
}

/** Binds `openid` (a screenshot's own account) to an activist of the demo group with a recorded review, as binding would; answers `route`. */
const asReviewedActivist = (openid: string, route: string) => async (adminUrl: string): Promise<string> => {
  const db = localApp(adminUrl).database()
  const { groupId } = await personOf(adminUrl, DEV_IDENTITIES.liaison)
  const { data } = await db.collection('cultivations').where({ groupId, lastReviewOn: db.command.neq(null) }).orderBy('no', 'asc').limit(1).get()
  const personId = (data[0] as { _id: string })._id
  await db.collection('people').doc(personId).update({ openid, boundAt: new Date() })
  await db.collection('bindings').doc(openid).set({ personId, boundAt: new Date() })
  return route
}

export const SHOTS: Shot[] = [
  { name: 'home-unbound', openid: 'shot-newcomer', route: R.home, ready: 'text=绑定身份', consent: false },
  { name: 'bind-consent', openid: 'shot-newcomer', route: R.bind, ready: 'text=个人信息保护提示', consent: false },
  { name: 'home-intern', openid: DEV_IDENTITIES.intern, route: R.home, ready: '.home__group' },
  { name: 'home-liaison', openid: DEV_IDENTITIES.liaison, route: R.home, ready: '.home__group' },
  { name: 'home-advisor', openid: DEV_IDENTITIES.advisor, route: R.home, ready: '.group-card' },
  { name: 'home-branch', openid: DEV_IDENTITIES.admin, route: R.home, ready: 'text=需要关注的小组', desktop: true },
  { name: 'group-intern', openid: DEV_IDENTITIES.intern, route: R.group, ready: 'text=联络员' },
  { name: 'group-liaison', openid: DEV_IDENTITIES.liaison, route: R.group, ready: 'text=联络员' },
  { name: 'groups-branch', openid: DEV_IDENTITIES.admin, route: R.groups, ready: 'text=个党小组', desktop: true },
  { name: 'badge-member', openid: DEV_IDENTITIES.member, route: R.badge, ready: 'canvas' },
  { name: 'scan-advisor', openid: DEV_IDENTITIES.advisor, route: R.scan, ready: '.scan-intro' },
  { name: 'me-intern', openid: DEV_IDENTITIES.intern, route: R.me, ready: '.me__profile' },
  { name: 'signin', openid: DEV_IDENTITIES.admin, route: R.signIn, ready: '.signin__item' },
  { name: 'lessons-intern', openid: DEV_IDENTITIES.intern, route: R.lessons, ready: '.lesson-card', desktop: true },
  { name: 'lesson-read-intern', openid: DEV_IDENTITIES.intern, route: newestLesson(R.lessonRead), ready: '.quiz', desktop: true },
  { name: 'lessons-manage-branch', openid: DEV_IDENTITIES.admin, route: R.lessonsManage, ready: '.manage-card', desktop: true },
  { name: 'lesson-edit-branch', openid: DEV_IDENTITIES.admin, route: newestLesson(R.lessonEdit), ready: '.lesson-edit__input', desktop: true },
  { name: 'lesson-figures-branch', openid: DEV_IDENTITIES.admin, route: newestLesson(R.lessonFigures), ready: '.figures-total', desktop: true },
  { name: 'journal-intern', openid: DEV_IDENTITIES.intern, route: R.journal, ready: '.note-card', desktop: true },
  { name: 'journal-edit-intern', openid: DEV_IDENTITIES.intern, route: R.journalEdit, ready: '.note-editor__body' },
  { name: 'journal-note-intern', openid: DEV_IDENTITIES.intern, route: commentedNote(R.journalNote), ready: '.comment__body', desktop: true },
  { name: 'notes-inbox-advisor', openid: DEV_IDENTITIES.advisor, route: R.notesInbox, ready: '.inbox-note', desktop: true },
  { name: 'checkins-liaison', openid: DEV_IDENTITIES.liaison, route: liaisonGroup(R.activity), ready: '.act-list .card', desktop: true },
  { name: 'checkin-record-liaison', openid: DEV_IDENTITIES.liaison, route: liaisonGroup(R.activityRecord), ready: '.attendee' },
  { name: 'checkin-intern', openid: DEV_IDENTITIES.intern, route: checkinToConfirm(R.activityDetail), ready: '.act-mine__confirm' },
  { name: 'ledger-liaison', openid: DEV_IDENTITIES.liaison, route: liaisonGroup(R.ledger), ready: '.ledger-section--checkins', desktop: true },
  { name: 'volunteer-intern', openid: DEV_IDENTITIES.intern, route: R.volunteer, ready: '.vol-record', desktop: true },
  { name: 'volunteer-log-intern', openid: DEV_IDENTITIES.intern, route: R.volunteerLog, ready: '.vol-form__hours' },
  { name: 'roster-branch', openid: DEV_IDENTITIES.admin, route: R.roster, ready: 'text=实习生（', desktop: true },
  { name: 'invites-branch', openid: DEV_IDENTITIES.admin, route: R.invites, ready: '.invites__row', desktop: true },
  { name: 'group-manage-branch', openid: DEV_IDENTITIES.admin, route: liaisonGroup(R.groupManage), ready: '.manage__roles', desktop: true },
  { name: 'volunteer-pending-liaison', openid: DEV_IDENTITIES.liaison, route: liaisonGroup(R.volunteerPending), ready: '.vol-record', desktop: true },
  { name: 'question-ask-intern', openid: DEV_IDENTITIES.intern, route: R.questionAsk, ready: '.q-chip' },
  { name: 'questions-intern', openid: DEV_IDENTITIES.intern, route: R.questionMine, ready: '.q-card', desktop: true },
  { name: 'question-inbox-advisor', openid: DEV_IDENTITIES.advisor, route: R.questionInbox, ready: '.q-card', desktop: true },
  { name: 'question-answer-advisor', openid: DEV_IDENTITIES.advisor, route: waitingQuestion(R.questionDetail), ready: '.q-answer-box' },
  { name: 'questions-group-liaison', openid: DEV_IDENTITIES.liaison, route: liaisonGroup(R.questionGroup), ready: '.q-shared', desktop: true },
  { name: 'cultivation-branch', openid: DEV_IDENTITIES.admin, route: R.cultivation, ready: '.cv-row', desktop: true },
  { name: 'cultivation-advisor', openid: DEV_IDENTITIES.advisor, route: R.cultivation, ready: '.cv-row' },
  { name: 'cultivation-contact', openid: DEV_IDENTITIES.unitContact, route: R.cultivation, ready: '.cv-row' },
  { name: 'cultivation-file-branch', openid: DEV_IDENTITIES.admin, route: cultivatedInDemoGroup(R.cultivationFile), ready: '.cv-side--unit', desktop: true },
  { name: 'cultivation-file-contact', openid: DEV_IDENTITIES.unitContact, route: cultivatedInDemoGroup(R.cultivationFile), ready: '.cv-file__observe', desktop: true },
  { name: 'cultivation-observe-contact', openid: DEV_IDENTITIES.unitContact, route: cultivatedInDemoGroup(R.cultivationObserve, true), ready: '.cv-observe__body' },
  { name: 'cultivation-assign-branch', openid: DEV_IDENTITIES.admin, route: cultivatedInDemoGroup(R.cultivationAssign), ready: '.cv-assign--unitContact', desktop: true },
  { name: 'cultivation-mine-activist', openid: 'shot-activist', route: asReviewedActivist('shot-activist', R.cultivationMine), ready: '.cv-review' },
  { name: 'talks-advisor', openid: DEV_IDENTITIES.advisor, route: liaisonGroup(R.talks), ready: '.talk-list', desktop: true },
  { name: 'talk-record-advisor', openid: DEV_IDENTITIES.advisor, route: liaisonGroup(R.talkRecord), ready: '.talk-form__students' },
  { name: 'dashboard-branch', openid: DEV_IDENTITIES.admin, route: R.oversight, ready: '.ov-tiles', desktop: true },
  { name: 'dashboard-advisor', openid: DEV_IDENTITIES.advisor, route: R.oversight, ready: '.ov-tiles', desktop: true },
  { name: 'group-activity-branch', openid: DEV_IDENTITIES.admin, route: R.groupActivity, ready: '.ov-strip', desktop: true },
  { name: 'alerts-branch', openid: DEV_IDENTITIES.admin, route: R.alerts, ready: '.ov-alert', desktop: true },
  { name: 'settings-branch', openid: DEV_IDENTITIES.admin, route: R.cadenceSettings, ready: '.ov-form', desktop: true }
]

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, only: { type: 'string' }, interns: { type: 'string' } } })
  const out = path.resolve(values.out ?? path.join(root, 'docs', 'screenshots'))
  fs.mkdirSync(out, { recursive: true })
  const demo = await startDemo({ interns: values.interns ? Number(values.interns) : 1200 })
  const browser = await launchBrowser()
  try {
    const only = values.only?.split(',')
    for (const shot of SHOTS.filter((s) => !only || only.includes(s.name))) {
      const sizes: [string, { width: number; height: number }][] = [['phone', PHONE], ...(shot.desktop ? [['desktop', DESKTOP] as [string, typeof DESKTOP]] : [])]
      for (const [suffix, viewport] of sizes) {
        const route = typeof shot.route === 'string' ? shot.route : await shot.route(demo.emulator.adminUrl)
        const page = await openApp(browser.context, { siteUrl: demo.siteUrl, emulatorUrl: demo.emulator.url, openid: shot.openid, route, consent: shot.consent, viewport })
        await page.locator(shot.ready).first().waitFor({ timeout: 20_000 })
        if (shot.act) await shot.act(page)
        // Let images and transitions settle.
        await page.waitForTimeout(600)
        const file = path.join(out, `${shot.name}-${suffix}.png`)
        await page.screenshot({ path: file, fullPage: suffix === 'phone' })
        process.stdout.write(`${path.relative(root, file)}\n`)
        await page.close()
      }
    }
  } finally {
    await browser.close()
    await demo.stop()
  }
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stderr.write(`${e.stack ?? e.message}\n`)
    process.exit(1)
  })
}
