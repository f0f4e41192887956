/**
 * Micro Party lessons in real Chromium against the emulator with a seeded school: a teacher
 * composes a lesson with a quiz and pushes it to two groups; an intern of the first group
 * finds it unread in 微党课, reads it to the end and answers; an intern of a third group
 * never sees it (neither in the list nor by its id); the teacher's figures show the first
 * group's read rate rise. Pages are saved as screenshots under .tmp/e2e-screenshots/, on
 * a phone and a desktop viewport. Needs `npm run build:h5` (the test command does it).
 */
import type { Page } from 'playwright-core'
import { DEV_IDENTITIES } from '../../types/demo'
import { DESKTOP } from '../../scripts/browser'
import { localApp } from '../../scripts/client'
import { drawPicture, shot, startJourney, tap } from '../helpers/journey'
import { ROUTES, withQuery } from '../../src/routes'

jest.setTimeout(180_000)

interface GroupRow { _id: string; name: string }

describe('micro Party lessons in the H5 app', () => {
  const journey = startJourney({ interns: 600, seed: 11 })
  /** the dev intern's group, another group it goes to, and a group it does not go to */
  let mine: GroupRow
  let second: GroupRow
  let outside: GroupRow
  const title = `实习岗位上的医德医风 ${Date.now() % 100000}`

  beforeAll(async () => {
    const db = localApp(journey.demo.emulator.adminUrl).database()
    const intern = (await db.collection('people').where({ openid: DEV_IDENTITIES.intern }).get()).data[0] as { groupId: string }
    const { data: groups } = await db.collection('groups').field({ name: true }).limit(100).get() as { data: GroupRow[] }
    mine = groups.find((g) => g._id === intern.groupId)!
    const others = groups.filter((g) => g._id !== mine._id)
    second = others[0]
    outside = others[1]
    // The teacher advises the first two groups (the branch assigns advisors): a teacher's group search lists their own.
    const admin = journey.as(DEV_IDENTITIES.admin)
    const advisor = (await db.collection('people').where({ openid: DEV_IDENTITIES.advisor }).get()).data[0] as { _id: string }
    const { advisors } = await admin('group', 'detail', { groupId: second._id })
    await admin('group', 'assignAdvisors', { groupId: second._id, advisorIds: [...new Set([...advisors.map((a) => a.id), advisor._id])] })
    // An intern of the third group binds, as any intern would.
    const { data: [student] } = await db.collection('people').where({ kind: 'student', groupId: outside._id, openid: null }).limit(1).get()
    await journey.as('e2e-outsider')('user', 'bind', { studentNo: student.no, name: student.name })
  }, 240_000)

  const open = journey.open

  /** Picks a group in the target picker's search by its name. */
  async function pickGroup(page: Page, name: string): Promise<void> {
    await tap(page.locator('.target-chip--add'))
    const search = page.locator('.target-search input').first()
    await search.fill(name)
    await search.press('Enter')
    await tap(page.locator('.target-search__item', { hasText: name }))
    await page.locator('.target-search__item--on', { hasText: name }).waitFor()
    await tap(page.locator('.target-search__done'))
    await page.locator('.target-chip--removable', { hasText: name }).waitFor()
  }

  it('lets a teacher compose a lesson with a quiz and push it to two groups', async () => {
    const page = await open(DEV_IDENTITIES.advisor, ROUTES.lessonEdit)
    await page.locator('.lesson-edit__input input').waitFor()
    await page.locator('.lesson-edit__input input').fill(title)
    await page.locator('#field-summary textarea').fill('医学生在实习中如何践行“敬佑生命、救死扶伤”。')
    // The cover goes to storage through the upload ticket, with progress, and shows once stored.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page.locator('.file-uploader__pick', { hasText: '上传封面图片' }))])
    await chooser.setFiles({ name: 'cover.png', mimeType: 'image/png', buffer: await drawPicture(journey.browser.context, '医德医风', { width: 750, height: 320 }) })
    await page.locator('.file-uploader__cover').waitFor({ timeout: 20_000 })
    await page.locator('.md-editor__input textarea').fill('## 医者仁心\n实习中，**尊重患者**、保护隐私，是医德的起点。\n\n> 健康所系，性命相托。\n\n- 问诊时耐心倾听\n- 操作前知情同意')
    await tap(page.locator('.quiz-editor__add'))
    await page.locator('.quiz-q__text textarea').fill('医学生誓言中“健康所系”的下一句是？')
    await page.locator('.quiz-o__text input').nth(0).fill('性命相托')
    await page.locator('.quiz-o__text input').nth(1).fill('药到病除')
    await tap(page.locator('.quiz-o__mark').nth(0))
    await page.locator('.quiz-q__explanation input').fill('出自《医学生誓言》：健康所系，性命相托。')
    await tap(page.locator('.target-picker__kind', { hasText: '指定党小组' }))
    await pickGroup(page, mine.name)
    await pickGroup(page, second.name)
    await shot(page, 'lesson-compose')
    await page.setViewportSize(DESKTOP)
    await shot(page, 'lesson-compose-desktop')
    await page.setViewportSize({ width: 390, height: 844 })
    await tap(page.locator('.lesson-edit__publish'))
    // Published: the composer goes on to the lesson's figures.
    await page.locator('.figures-total').waitFor({ timeout: 20_000 })
    expect(await page.locator('.figures-page').textContent()).toContain(title)
    await shot(page, 'lesson-figures-before')
    await page.close()

    const lessons = (await localApp(journey.demo.emulator.adminUrl).database().collection('lessons').where({ title }).get()).data as { _id: string; state: string; audience: string[] }[]
    expect(lessons).toHaveLength(1)
    expect(lessons[0].state).toBe('published')
    expect(lessons[0].audience.filter((k) => !k.startsWith('~')).sort()).toEqual([mine._id, second._id].sort())
  })

  it('lets an intern of the first group find it unread, read it to the end and answer its quiz, once', async () => {
    const page = await open(DEV_IDENTITIES.intern, ROUTES.lessons)
    const card = page.locator('.lesson-card', { hasText: title })
    await card.waitFor({ timeout: 20_000 })
    expect(await page.locator('.lesson-card').first().textContent()).toContain(title)
    expect(await card.locator('.lesson-card__state--unread').count()).toBe(1)
    // Its cover comes through a temporary URL the function issued to this reader.
    const cover = card.locator('.lesson-card__cover img')
    await cover.waitFor()
    await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await cover.elementHandle(), { timeout: 10_000 })
    expect(await cover.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(750)
    expect(await cover.getAttribute('src')).toMatch(/sign=/)
    await shot(page, 'lessons-intern')
    await tap(card)
    await page.locator('.lesson__title', { hasText: title }).waitFor()
    expect(await page.locator('.lesson').textContent()).toContain('健康所系，性命相托')
    // The end of a short lesson is in view: it is marked read without a tap.
    await page.locator('.lesson__end').scrollIntoViewIfNeeded()
    await page.locator('.quiz').waitFor()
    await tap(page.locator('.quiz__option', { hasText: '性命相托' }))
    await tap(page.locator('.quiz__submit'))
    await page.locator('.quiz__score').waitFor()
    expect(await page.locator('.quiz__score').textContent()).toMatch(/1\s*\/\s*1|1分|满分/)
    await shot(page, 'lesson-read-intern')
    await page.setViewportSize(DESKTOP)
    await shot(page, 'lesson-read-intern-desktop')
    await page.close()

    const db = localApp(journey.demo.emulator.adminUrl).database()
    const [lesson] = (await db.collection('lessons').where({ title }).get()).data as { _id: string }[]
    const reads = (await db.collection('lessonReads').where({ lessonId: lesson._id }).get()).data as { quiz: { score: number } | null }[]
    expect(reads).toHaveLength(1)
    expect(reads[0].quiz?.score).toBe(1)

    // Back in the list, it shows as read.
    const again = await open(DEV_IDENTITIES.intern, ROUTES.lessons)
    const read = again.locator('.lesson-card', { hasText: title })
    await read.waitFor()
    await read.locator('.lesson-card__state--read').waitFor()
    await again.close()
  })

  it('never shows it to an intern of a group it was not pushed to', async () => {
    const page = await open('e2e-outsider', ROUTES.lessons)
    await page.locator('.lesson-card').first().waitFor({ timeout: 20_000 })
    expect(await page.locator('.lessons').textContent()).not.toContain(title)
    await shot(page, 'lessons-outsider')
    const [lesson] = (await localApp(journey.demo.emulator.adminUrl).database().collection('lessons').where({ title }).get()).data as { _id: string }[]
    await page.goto(`${journey.demo.siteUrl}/#${withQuery(ROUTES.lessonRead, { lessonId: lesson._id })}`)
    await page.locator('.page-state--error').waitFor({ timeout: 20_000 })
    expect(await page.locator('.page-state--error').textContent()).toMatch(/没有推送给你所在的党小组|不存在/)
    expect(await page.locator('body').textContent()).not.toContain('健康所系，性命相托')
    await shot(page, 'lesson-outsider-refused')
    await page.close()
  })

  it('shows the teacher the first group\'s read rate risen, the other group still unread', async () => {
    const [lesson] = (await localApp(journey.demo.emulator.adminUrl).database().collection('lessons').where({ title }).get()).data as { _id: string }[]
    const page = await open(DEV_IDENTITIES.advisor, withQuery(ROUTES.lessonFigures, { lessonId: lesson._id }))
    await page.locator('.figures-total').waitFor({ timeout: 20_000 })
    const figures = await journey.as(DEV_IDENTITIES.advisor)('lesson', 'figures', { lessonId: lesson._id })
    const first = figures.groups.find((g) => g.groupId === mine._id)!
    const other = figures.groups.find((g) => g.groupId === second._id)!
    expect(first.read).toBe(1)
    expect(first.readRate).toBeGreaterThan(0)
    expect(first.quizAverage).toBe(100)
    expect(other.read).toBe(0)
    expect(await page.locator('.figures-page').textContent()).toContain(mine.name)
    await shot(page, 'lesson-figures-after')
    await page.setViewportSize(DESKTOP)
    await shot(page, 'lesson-figures-after-desktop')
    await page.close()
  })
})
