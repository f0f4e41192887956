/**
 * Check-ins and the ledger in real Chromium against the emulator with a seeded school: the
 * liaison records a group meeting with a photo and three members listed; two of them
 * confirm from their own phones; the month's ledger shows the meeting with two of three
 * confirmed. Pages are saved as screenshots under .tmp/e2e-screenshots/. Needs
 * `npm run build:h5`.
 */
import type { Page } from 'playwright-core'
import { DEV_IDENTITIES } from '../../types/demo'
import { DESKTOP } from '../../scripts/browser'
import { drawPicture, shot, startJourney, tap } from '../helpers/journey'
import { ROUTES, withQuery } from '../../src/routes'

jest.setTimeout(180_000)

describe('check-ins and the ledger in the H5 app', () => {
  const journey = startJourney({ interns: 600, seed: 13 })
  const place = `示范小组会议室${Date.now() % 10000}`
  let groupId = ''
  const names: Record<'member' | 'intern' | 'coreMember', string> = { member: '', intern: '', coreMember: '' }

  beforeAll(async () => {
    const as = journey.as
    const liaison = await as(DEV_IDENTITIES.liaison)('user', 'me', {})
    groupId = liaison.person!.groupId!
    for (const key of Object.keys(names) as (keyof typeof names)[]) {
      const me = await as(DEV_IDENTITIES[key])('user', 'me', {})
      expect(me.person!.groupId).toBe(groupId)
      names[key] = me.person!.name
    }
  }, 240_000)

  const open = journey.open
  const recorded = async () => (await journey.as(DEV_IDENTITIES.liaison)('activity', 'list', { groupId, pageSize: 50 }))
    .items.filter((c) => c.place === place)

  async function pick(page: Page, name: string): Promise<void> {
    await page.locator('.attendee-picker__search input').fill(name)
    await tap(page.locator('.attendee', { hasText: name }))
  }

  it('lets the liaison record a meeting with a photo and three members listed', async () => {
    const page = await open(DEV_IDENTITIES.liaison, withQuery(ROUTES.activity, { groupId }))
    await tap(page.locator('.act-page__record'))
    await page.locator('.attendee-picker__summary').first().waitFor({ timeout: 20_000 })
    await tap(page.locator('.act-chip', { hasText: '党小组会' }))
    await page.locator('.act-form__place input').fill(place)
    await page.locator('.act-form__content textarea').fill('学习《中国共产党章程》总纲，交流各自科室实习中践行“敬佑生命、救死扶伤”的体会，布置下月志愿服务。')
    // Only the three members: the recorder, preselected, is taken off the list.
    const recorder = page.locator('.attendee--on')
    while (await recorder.count()) await tap(recorder.first())
    for (const name of Object.values(names)) await pick(page, name)
    await page.locator('.attendee-picker__search input').fill('')
    expect(await page.locator('.attendee-picker__summary').first().textContent()).toContain('已选 3/')
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page.locator('.photo-field').getByText('添加图片'))])
    await chooser.setFiles({ name: 'meeting.png', mimeType: 'image/png', buffer: await drawPicture(journey.browser.context, '党小组会') })
    await page.locator('.photo-field__photo').waitFor({ timeout: 20_000 })
    await shot(page, 'checkin-record')
    await tap(page.locator('.act-form__save'))

    // Back in the list, the check-in is sent and shown with its counts.
    const card = page.locator('.act-list .card', { hasText: place })
    await card.waitFor({ timeout: 20_000 })
    expect(await card.textContent()).toContain('已确认 0/列入 3')
    await shot(page, 'checkin-list-liaison')
    const [stored] = await recorded()
    expect(stored.counts).toEqual({ listed: 3, confirmed: 0, requested: 0 })
    expect(stored.photoCount).toBe(1)
    expect((await recorded())).toHaveLength(1)
    await page.close()
  })

  it('lets two listed members confirm, and the month\'s ledger shows two of three confirmed', async () => {
    const [checkin] = await recorded()
    for (const who of [DEV_IDENTITIES.member, DEV_IDENTITIES.intern]) {
      const page = await open(who, withQuery(ROUTES.activityDetail, { checkinId: checkin.id }))
      await page.locator('.act-mine__confirm').waitFor({ timeout: 20_000 })
      // The photo is served to members through a signed URL.
      await page.locator('.act-detail__photo img, img.act-detail__photo').first().waitFor({ timeout: 20_000 })
      await tap(page.locator('.act-mine__confirm'))
      await page.locator('.act-mine__state', { hasText: '已确认' }).waitFor({ timeout: 20_000 })
      if (who === DEV_IDENTITIES.member) await shot(page, 'checkin-confirmed-member')
      await page.close()
    }
    const [after] = await recorded()
    expect(after.counts).toEqual({ listed: 1, confirmed: 2, requested: 0 })

    const ledger = await open(DEV_IDENTITIES.liaison, withQuery(ROUTES.ledger, { groupId }))
    const row = ledger.locator('.ledger-section--checkins .ledger-row', { hasText: place })
    await row.waitFor({ timeout: 20_000 })
    expect(await row.textContent()).toContain('已确认 2/列入 3')
    await shot(ledger, 'ledger-liaison')
    await ledger.setViewportSize(DESKTOP)
    await shot(ledger, 'ledger-liaison-desktop')
    await ledger.close()
  })
})
