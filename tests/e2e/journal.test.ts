/**
 * The study journal in real Chromium against the emulator with a seeded school: an intern
 * writes a note for their advisor with the network cut, closes the app, the network comes
 * back, the app is opened again and the note is sent, exactly once; the advisor finds it
 * unread in their inbox and comments; the intern sees the comment. Pages are saved as
 * screenshots under .tmp/e2e-screenshots/. Needs `npm run build:h5` (the test command does it).
 */
import { DEV_IDENTITIES } from '../../types/demo'
import { DESKTOP } from '../../scripts/browser'
import { shot, startJourney, tap } from '../helpers/journey'
import { ROUTES } from '../../src/routes'

jest.setTimeout(180_000)

describe('the study journal in the H5 app', () => {
  const journey = startJourney({ interns: 600, seed: 11 })
  const body = `今天跟着带教老师查房，${Date.now() % 100000}号床的老人拉着我的手说谢谢。想起微党课里讲的“健康所系，性命相托”，更明白了医者的责任。`

  const open = journey.open
  const mine = () => journey.as(DEV_IDENTITIES.intern)('journal', 'mine', { keyword: body.slice(0, 20) })

  it('keeps a note written offline through a restart, and sends it once when the network returns', async () => {
    // The list and the editor are opened once online, as an intern would have used them before.
    const page = await open(DEV_IDENTITIES.intern, ROUTES.journal)
    await page.locator('.journal-page').waitFor({ timeout: 20_000 })
    await tap(page.locator('.journal-page__actions').getByText('写笔记'))
    await page.locator('.note-editor__body textarea').waitFor()

    await journey.browser.context.setOffline(true)
    await page.locator('.note-editor__body textarea').fill(body)
    await tap(page.locator('.visibility__option', { hasText: '给指导教师' }))
    await shot(page, 'journal-edit-offline')
    await tap(page.locator('.note-editor__save'))
    // Shared with the advisors: the app offers the reminder of their comments.
    await page.getByText('老师评论时提醒我').waitFor()
    await shot(page, 'journal-reminder-offer')
    await page.getByText('暂不', { exact: true }).click()
    // Back in the list, the note waits for the network.
    const job = page.locator('.journal-jobs', { hasText: body.slice(0, 12) })
    await job.waitFor({ timeout: 20_000 })
    expect(await page.locator('.journal-jobs').textContent()).toMatch(/待发送|等待网络/)
    await shot(page, 'journal-queued-offline')
    expect((await mine()).items).toHaveLength(0)
    await page.close()

    // The network returns; the app is opened again and sends what waited, once.
    await journey.browser.context.setOffline(false)
    const again = await open(DEV_IDENTITIES.intern, ROUTES.journal)
    await again.locator('.note-card', { hasText: body.slice(0, 12) }).waitFor({ timeout: 20_000 })
    expect(await again.locator('.journal-jobs', { hasText: body.slice(0, 12) }).count()).toBe(0)
    await shot(again, 'journal-sent')
    // Another start and a pull send nothing more.
    await again.reload()
    await again.locator('.note-card', { hasText: body.slice(0, 12) }).waitFor({ timeout: 20_000 })
    const found = await mine()
    expect(found.items).toHaveLength(1)
    expect(found.items[0].visibility).toBe('advisor')
    await again.close()
  })

  it('lets the advisor find it unread and comment, and the intern sees the comment', async () => {
    const page = await open(DEV_IDENTITIES.advisor, ROUTES.notesInbox)
    const item = page.locator('.notes-inbox .card', { hasText: body.slice(0, 12) })
    await item.waitFor({ timeout: 20_000 })
    expect(await item.locator('.inbox-note__unread').count()).toBe(1)
    await shot(page, 'journal-inbox-advisor')
    await tap(item)
    await page.locator('.note__body', { hasText: body.slice(0, 12) }).waitFor()
    await page.locator('.comment-box__input textarea').fill('观察很细致，把这份感动带到每一次查房中。')
    await tap(page.locator('.comment-box').getByText('发表评论'))
    await page.locator('.comment__body', { hasText: '观察很细致' }).waitFor({ timeout: 20_000 })
    await shot(page, 'journal-comment-advisor')
    await page.setViewportSize(DESKTOP)
    await shot(page, 'journal-comment-advisor-desktop')
    await page.close()

    const intern = await open(DEV_IDENTITIES.intern, ROUTES.journal)
    const card = intern.locator('.note-card', { hasText: body.slice(0, 12) })
    await card.waitFor({ timeout: 20_000 })
    expect(await card.locator('.note-card__unread').textContent()).toMatch(/1/)
    await tap(card)
    await intern.locator('.comment__body', { hasText: '观察很细致' }).waitFor({ timeout: 20_000 })
    await shot(intern, 'journal-note-intern')
    await intern.close()
  })
})
