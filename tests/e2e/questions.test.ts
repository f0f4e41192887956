/**
 * Questions to advisors in real Chromium against the emulator with a seeded school: the
 * intern asks their advisor a question shared with the group and accepts the reminder;
 * the advisor sees it counted on 首页, finds it in the inbox, opens it and answers; the
 * intern sees the answer in 我的提问, and is told once through the outbox; the group's
 * liaison reads it in 小组问答 with nothing naming who asked. Pages are saved as
 * screenshots under .tmp/e2e-screenshots/. Needs `npm run build:h5`.
 */
import { DEV_IDENTITIES } from '../../types/demo'
import { DESKTOP } from '../../scripts/browser'
import { localApp } from '../../scripts/client'
import { confirmModal, shot, startJourney, tap } from '../helpers/journey'
import { ROUTES } from '../../src/routes'

jest.setTimeout(180_000)

describe('questions to advisors in the H5 app', () => {
  const journey = startJourney({ interns: 600, seed: 13 })
  const body = `实习期间轮转到急诊科，夜班后怎样安排理论学习？（${Date.now() % 10000}）`
  const answerText = '夜班后先休息好，第二天利用碎片时间复习当班遇到的病例，每周参加一次党小组的集中学习。'

  const open = journey.open

  it('the intern asks, the advisor answers, the intern sees the answer and the group reads it without the asker', async () => {
    const intern = await journey.as(DEV_IDENTITIES.intern)('user', 'me')
    const internName = intern.person!.name
    const waitingBefore = (await journey.as(DEV_IDENTITIES.advisor)('question', 'inbox', { pageSize: 1 })).open

    // The intern asks from 我的.
    const me = await open(DEV_IDENTITIES.intern, ROUTES.me)
    await tap(me.getByText('向指导教师提问'))
    await me.locator('.q-chip').first().waitFor({ timeout: 20_000 })
    const advisorName = (await me.locator('.q-form__chips').first().locator('.q-chip').first().textContent())!.trim()
    await tap(me.locator('.q-form__chips').first().locator('.q-chip').first())
    await tap(me.getByText('思想问题'))
    await me.locator('.q-form__body textarea').fill(body)
    await tap(me.getByText('匿名分享给小组'))
    await shot(me, 'question-ask')
    await tap(me.locator('.q-form__send'))
    await me.getByText(`已发送给${advisorName}`).waitFor({ timeout: 20_000 })
    await tap(me.locator('.reminder-offer__ask'))
    await confirmModal(me)
    await me.getByText(/已开启/).waitFor({ timeout: 20_000 })
    await shot(me, 'question-sent')
    await tap(me.getByText('查看我的提问'))
    const mine = me.locator('.q-card', { hasText: body })
    await mine.locator('.q-state', { hasText: '待回答 · 今天提问' }).waitFor({ timeout: 20_000 })
    await shot(me, 'question-mine-open')
    await me.close()

    // The advisor: the count on 首页, the inbox, the question, the answer.
    const home = await open(DEV_IDENTITIES.advisor, ROUTES.home)
    await home.getByText(`待回答的提问（${waitingBefore + 1}）`).waitFor({ timeout: 20_000 })
    await tap(home.locator('.home__questions'))
    const card = home.locator('.q-card', { hasText: body })
    await card.waitFor({ timeout: 20_000 })
    expect(await card.locator('.q-card__who').textContent()).toBe(internName)
    await shot(home, 'question-inbox')
    await tap(card)
    await home.locator('.q-answer-box').waitFor({ timeout: 20_000 })
    await home.locator('.q-answer-box__input textarea').fill(answerText)
    await tap(home.getByText('发送回答'))
    await home.locator('.q-answer__body', { hasText: answerText }).waitFor({ timeout: 20_000 })
    expect(await home.locator('.q-answer-box').count()).toBe(0)
    await shot(home, 'question-answered')
    await home.close()

    // The intern sees the answer, and was told once.
    const back = await open(DEV_IDENTITIES.intern, ROUTES.questionMine, DESKTOP)
    const answered = back.locator('.q-card', { hasText: body })
    await answered.locator('.q-state', { hasText: '已回答' }).waitFor({ timeout: 20_000 })
    await tap(answered)
    await back.locator('.q-answer__body', { hasText: answerText }).waitFor({ timeout: 20_000 })
    await shot(back, 'question-intern-answer')
    await back.close()
    const db = localApp(journey.demo.emulator.adminUrl).database()
    const { data: messages } = await db.collection('outbox').where({ template: 'questionAnswered', personId: intern.person!.id }).get()
    expect(messages).toHaveLength(1)

    // The liaison reads it in 小组问答, with nothing naming the asker.
    const group = await open(DEV_IDENTITIES.liaison, `${ROUTES.questionGroup}?groupId=${intern.person!.groupId}`)
    const shared = group.locator('.q-shared', { hasText: body })
    await shared.waitFor({ timeout: 20_000 })
    expect(await shared.textContent()).toContain(answerText)
    expect(await group.locator('.page').textContent()).not.toContain(internName)
    await shot(group, 'question-group')
    await group.close()
  })
})
