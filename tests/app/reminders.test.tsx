/**
 * Reminders, offered the same way everywhere (`ReminderOffer`): in the browser a plain
 * confirmation stands in for WeChat's sheet; an acceptance goes to the reminder's own
 * domain action and the offer says how many reminders are left, a refusal records
 * nothing and leaves the offer, a failure says why in place. On WeChat, WeChat's sheet is
 * asked for the reminder's template, its refusals a person can act on are explained, and
 * with no template id in the build nothing is offered. The 微党课 tab offers its reminder
 * once.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import fc from 'fast-check'
import LessonReminder from '../../src/components/LessonReminder'
import ReminderOffer from '../../src/components/ReminderOffer'
import { call, CallError } from '../../src/services/cloud'
import type { ReminderKind } from '../../src/services/reminders'
import Taro, { clearStorageSync } from './mocks/taro'
import { settle } from './pending'
import { inputsOf } from './serve'

jest.mock('../../src/services/cloud', () => ({ ...jest.requireActual('../../src/services/cloud'), call: jest.fn() }))
const mockCall = call as unknown as jest.Mock

/** Each reminder: the function its acceptances go to, its title, and a word of its declined line. */
const KINDS: Record<ReminderKind, { fn: string; title: string; declined: RegExp }> = {
  lesson: { fn: 'lesson', title: '有新微党课时提醒我', declined: /下次读完微党课时还可以开启/ },
  note: { fn: 'journal', title: '老师评论时提醒我', declined: /^未开启提醒$/ },
  checkin: { fn: 'activity', title: '有活动需要确认时提醒我', declined: /^未开启提醒$/ },
  answer: { fn: 'question', title: '老师回答后提醒我', declined: /我的提问/ },
  digest: { fn: 'oversight', title: '每日提醒汇总', declined: /^未开启提醒汇总$/ }
}
const kinds = Object.keys(KINDS) as ReminderKind[]

beforeEach(() => {
  clearStorageSync()
  mockCall.mockReset()
})

describe('in the browser', () => {
  it('sends an acceptance to the reminder\'s own function, once, and says what happened; declined or failed, the offer stays', async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...kinds), fc.constantFrom<'card' | 'line'>('card', 'line'),
      fc.constantFrom<'accept' | 'decline' | 'fail'>('accept', 'decline', 'fail'), fc.integer({ min: 1, max: 50 }),
      async (kind, variant, answer, remaining) => {
        mockCall.mockReset()
        Taro.showModal.mockClear()
        Taro.showModal.mockResolvedValueOnce({ confirm: answer !== 'decline', cancel: answer === 'decline' })
        mockCall.mockImplementation(async () => {
          if (answer === 'fail') throw new CallError('NETWORK_ERROR', '网络不可用，请稍后再试')
          return { remaining }
        })
        const view = render(<ReminderOffer kind={kind} variant={variant} hint='说明文字' />)
        screen.getByText('说明文字')
        if (variant === 'card') screen.getByText(KINDS[kind].title)
        else expect(screen.queryByText(KINDS[kind].title)).toBeNull()

        await settle(() => { fireEvent.click(screen.getByText('提醒我')) })
        expect(Taro.showModal).toHaveBeenCalledTimes(1)
        expect((Taro.showModal.mock.calls[0] as unknown[])[0]).toMatchObject({ title: KINDS[kind].title, confirmText: '开启' })
        const sent = mockCall.mock.calls.map(([fn, action, input]) => [fn, action, input])
        expect(sent).toEqual(answer === 'decline' ? [] : [[KINDS[kind].fn, 'subscribe', { accepted: 1 }]])
        if (answer === 'accept') {
          screen.getByText(new RegExp(`^已开启：.*${remaining} 次`))
          expect(screen.queryByText('提醒我')).toBeNull()
        } else {
          screen.getByText(answer === 'decline' ? KINDS[kind].declined : '网络不可用，请稍后再试')
          screen.getByText('提醒我')
          const line = view.container.querySelector('.reminder-offer__hint')!
          expect(line.classList.contains('reminder-offer__hint--error')).toBe(answer === 'fail')
        }
        view.unmount()
      }
    ), { numRuns: 40 })
  })

  it('takes one tap at a time: a second tap while WeChat or the function is still answering asks nothing more', async () => {
    let answer!: (v: { confirm: boolean; cancel: boolean }) => void
    Taro.showModal.mockImplementationOnce(() => new Promise((resolve) => { answer = resolve }))
    mockCall.mockResolvedValue({ remaining: 3 })
    render(<ReminderOffer kind='digest' variant='card' action='开启' hint='每天最多一条' />)
    await settle(() => { fireEvent.click(screen.getByText('开启')) })
    await settle(() => { fireEvent.click(screen.getByText('开启')) })
    expect(Taro.showModal).toHaveBeenCalledTimes(1)
    await settle(() => answer({ confirm: true, cancel: false }))
    expect(inputsOf(mockCall, 'oversight', 'subscribe')).toEqual([{ accepted: 1 }])
    screen.getByText(/每天最多发一条汇总（还可发送 3 次）/)
  })
})

describe('the 微党课 tab\'s offer', () => {
  it('is made once: answered or closed on the tab, it is not made there again; at the end of a lesson it always is', async () => {
    const first = render(<LessonReminder moment='tab' />)
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await settle(() => { fireEvent.click(screen.getByText('提醒我')) })
    screen.getByText(/下次读完微党课时还可以开启/)
    first.unmount()
    const again = render(<LessonReminder moment='tab' />)
    expect(again.container.textContent).toBe('')
    again.unmount()

    const finished = render(<LessonReminder moment='finished' />)
    screen.getByText('有新微党课时提醒我')
    fireEvent.click(screen.getByLabelText('关闭'))
    expect(finished.container.textContent).toBe('')
    finished.unmount()

    clearStorageSync()
    const closed = render(<LessonReminder moment='tab' />)
    fireEvent.click(screen.getByLabelText('关闭'))
    expect(closed.container.textContent).toBe('')
    closed.unmount()
    expect(render(<LessonReminder moment='tab' />).container.textContent).toBe('')
    expect(mockCall).not.toHaveBeenCalled()
  })

  it('is made again when asking failed, so the reader can try once more', async () => {
    mockCall.mockRejectedValueOnce(new CallError('NETWORK_ERROR', '网络不可用'))
    const first = render(<LessonReminder moment='tab' />)
    await settle(() => { fireEvent.click(screen.getByText('提醒我')) })
    screen.getByText('网络不可用')
    first.unmount()
    render(<LessonReminder moment='tab' />)
    screen.getByText('有新微党课时提醒我')
  })
})

describe('on WeChat', () => {
  const env = { ...process.env }
  afterEach(() => { process.env = { ...env } })

  /** The reminders as the WeChat build has them, with the build's template ids (modules loaded afresh, with their own mocks). */
  function weapp(ids: Record<string, string>) {
    process.env = { ...env, TARO_ENV: 'weapp', ...ids }
    let reminders!: typeof import('../../src/services/reminders')
    let cloud!: typeof import('../../src/services/cloud')
    let taro!: typeof Taro
    jest.isolateModules(() => {
      reminders = require('../../src/services/reminders')
      cloud = require('../../src/services/cloud')
      taro = require('./mocks/taro').default
    })
    return { ...reminders, call: cloud.call as unknown as jest.Mock, Taro: taro }
  }

  it('offers nothing when the build has no template id for the reminder', () => {
    const w = weapp({ TARO_APP_CHECKIN_TEMPLATE_ID: 'tmpl-checkin' })
    expect(kinds.filter(w.reminderAvailable)).toEqual(['checkin'])
  })

  it('asks WeChat\'s sheet for the reminder\'s template; an acceptance is recorded, a rejection is not, a closed setting is explained', async () => {
    const w = weapp({ TARO_APP_QUESTION_TEMPLATE_ID: 'tmpl-q' })
    w.call.mockResolvedValue({ remaining: 1 })

    w.Taro.requestSubscribeMessage.mockResolvedValueOnce({ 'tmpl-q': 'reject', errMsg: 'requestSubscribeMessage:ok' } as any)
    expect(await w.askReminder('answer')).toEqual({ kind: 'declined' })
    expect(w.Taro.requestSubscribeMessage).toHaveBeenLastCalledWith({ tmplIds: ['tmpl-q'] })
    expect(w.Taro.showModal).not.toHaveBeenCalled()
    expect(w.call).not.toHaveBeenCalled()

    w.Taro.requestSubscribeMessage.mockRejectedValueOnce({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail' } as any)
    const closed = await w.askReminder('answer')
    expect(w.reminderOutcomeText('answer', closed)).toMatch(/通知管理/)
    expect(w.call).not.toHaveBeenCalled()

    w.Taro.requestSubscribeMessage.mockResolvedValueOnce({ 'tmpl-q': 'accept', errMsg: 'requestSubscribeMessage:ok' } as any)
    const accepted = await w.askReminder('answer')
    expect(w.call.mock.calls).toEqual([['question', 'subscribe', { accepted: 1 }]])
    expect(w.reminderOutcomeText('answer', accepted)).toBe('已开启：老师回答后会提醒你（还可提醒 1 次）')
  })
})
