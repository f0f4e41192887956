/**
 * The journal's pages with `call` answered by the test: the list shows the device's queued
 * writes above the server's notes and, once a write is sent, its note in its place (never
 * twice); the editor queues a save once however often 保存 is tapped; a save made offline
 * is sent once when the network returns; a conflict is shown to the writer with the note's
 * current version; an advisor's comment is sent with one request id and shown.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import fc from 'fast-check'
import ListPage from '../../src/packages/journal/pages/index'
import EditPage from '../../src/packages/journal/pages/edit'
import NotePage from '../../src/packages/journal/pages/note'
import InboxPage from '../../src/packages/staff/pages/notes'
import { queueSave } from '../../src/packages/journal/notes'
import { call, CallError } from '../../src/services/cloud'
import { setMe } from '../../src/services/session'
import { resetWriteQueueForTests, writeQueue } from '../../src/services/writeQueue'
import Taro, { clearStorageSync, firePageEvent, setRouterParams } from './mocks/taro'
import { settle } from './pending'
import { Handler, inputsOf, serveWith } from './serve'

jest.mock('../../src/services/cloud', () => ({ ...jest.requireActual('../../src/services/cloud'), call: jest.fn() }))
const mockCall = call as unknown as jest.Mock
const serve = (handlers: Record<string, Handler>): void => serveWith(mockCall, handlers)
const callsTo = (action: string): any[] => inputsOf(mockCall, 'journal', action)
const typeInto = (el: Element, value: string) => fireEvent(el, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
const offline = () => new CallError('NETWORK_ERROR', '网络不可用')

const T = '2026-03-01T02:00:00.000Z'
const view = (id: string, body: string, extra: Record<string, unknown> = {}) => ({
  id, authorId: 'p1', authorName: '李同学', groupId: 'g1', year: '2026', body, lesson: null, visibility: 'private', photos: [],
  version: 1, review: 'pass', createdAt: T, updatedAt: T, comments: [], mine: true, ...extra
})
const item = (id: string, excerpt: string) => ({ id, authorName: '李同学', excerpt, lessonTitle: null, visibility: 'private', photoCount: 0, commentCount: 0, unread: 0, version: 1, review: 'pass', createdAt: T, updatedAt: T })

beforeEach(() => {
  clearStorageSync()
  resetWriteQueueForTests()
  setRouterParams({})
  mockCall.mockReset()
  Taro.navigateBack.mockClear()
})

const excerpts = (container: HTMLElement) => Array.from(container.querySelectorAll('.note-card__excerpt')).map((e) => e.textContent)
const jobCards = (container: HTMLElement) => container.querySelectorAll('.job-card')

describe('the journal list', () => {
  it('shows queued notes on top, then the server\'s; a sent note takes its job\'s place, never shown twice', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.boolean(), async (queued, onServer, serverKnowsSent) => {
      clearStorageSync()
      resetWriteQueueForTests()
      mockCall.mockReset()
      let online = false
      const applied: string[] = []
      const server = Array.from({ length: onServer }, (_, i) => item(`s${i}`, `旧笔记${i}`))
      serve({
        'journal.save': (input) => {
          if (!online) throw offline()
          const id = `new-${input.requestId}`
          if (!applied.includes(id)) applied.push(id)
          return view(id, input.body)
        },
        'journal.mine': () => {
          if (!online) throw offline()
          const sent = serverKnowsSent ? applied.map((id, k) => item(id, `离线笔记${k}`)).reverse() : []
          return { items: [...sent, ...server], nextCursor: null, total: sent.length + server.length }
        }
      })
      for (let k = 0; k < queued; k++) queueSave({ requestId: `req-${k}-abcdefgh`, body: `离线笔记${k}`, visibility: 'private', lessonId: null, photos: [] })
      await settle()
      const page = render(<ListPage />)
      try {
        await settle()
        expect(jobCards(page.container)).toHaveLength(queued)
        // the network returns: the list is pulled
        online = true
        await settle(() => firePageEvent('pullDownRefresh'))
        for (let i = 0; i < 3; i++) await settle(async () => { await writeQueue().flush() })
        await settle(() => firePageEvent('pullDownRefresh'))
        expect(jobCards(page.container)).toHaveLength(0)
        const shown = excerpts(page.container)
        expect(new Set(shown).size).toBe(shown.length)
        for (let k = 0; k < queued; k++) expect(shown.filter((e) => e === `离线笔记${k}`)).toHaveLength(1)
        expect(shown.filter((e) => e?.startsWith('旧笔记'))).toHaveLength(onServer)
        expect(applied).toHaveLength(queued)
      } finally {
        page.unmount()
      }
    }), { numRuns: 20 })
  })

  it('shows a refused edit as a conflict the writer can open or discard', async () => {
    serve({
      'journal.save': () => { throw new CallError('CONFLICT', '笔记已被修改') },
      'journal.mine': () => ({ items: [item('n1', '原来的笔记')], nextCursor: null, total: 1 })
    })
    queueSave({ requestId: 'req-conflict-1', noteId: 'n1', baseVersion: 1, body: '我离线时的修改', visibility: 'private', lessonId: null, photos: [] })
    await settle()
    const page = render(<ListPage />)
    await settle()
    screen.getByText(/这篇笔记已在别处修改/)
    fireEvent.click(screen.getByText('查看最新并修改'))
    const job = writeQueue().list()[0]
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/journal/pages/edit/index?jobId=${job.id}` })
    page.unmount()
  })
})

describe('the journal editor', () => {
  it('queues one save however often 保存 is tapped, clears the draft and goes back', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0), async (taps, body) => {
      clearStorageSync()
      resetWriteQueueForTests()
      mockCall.mockReset()
      serve({ 'journal.save': () => { throw offline() } })
      Taro.navigateBack.mockClear()
      const page = render(<EditPage />)
      try {
        await settle()
        typeInto(page.container.querySelector('taro-textarea-core')!, body)
        await settle()
        const save = screen.getByText('保存')
        for (let i = 0; i < taps; i++) fireEvent.click(save)
        await settle()
        const jobs = writeQueue().list()
        expect(jobs).toHaveLength(1)
        expect(jobs[0].input).toMatchObject({ body: body.trim(), visibility: 'private' })
        expect(Taro.navigateBack).toHaveBeenCalledTimes(1)
        expect(Taro.getStorageSync('draft:journal:new')).toBe('')
      } finally {
        page.unmount()
      }
    }), { numRuns: 15 })
  })

  it('saved offline, after a restart sends it once when the network returns', async () => {
    let online = false
    const applied = new Map<string, number>()
    serve({
      'journal.save': (input) => {
        if (!online) throw offline()
        applied.set(input.requestId, (applied.get(input.requestId) ?? 0) + 1)
        return view('n9', input.body)
      }
    })
    setRouterParams({ lessonId: 'l1', lessonTitle: encodeURIComponent('党章学习') })
    const page = render(<EditPage />)
    await settle()
    screen.getByText('学习：党章学习')
    typeInto(page.container.querySelector('taro-textarea-core')!, '离线写的心得')
    fireEvent.click(screen.getByText('给指导教师'))
    await settle()
    fireEvent.click(screen.getByText('保存'))
    await settle()
    page.unmount()
    expect(writeQueue().list()[0]).toMatchObject({ state: 'queued', attempts: 1, input: { lessonId: 'l1', visibility: 'advisor' } })
    // the app is closed and opened again: the queue is read back from storage
    resetWriteQueueForTests()
    online = true
    await writeQueue().flush()
    await writeQueue().flush()
    expect([...applied.values()]).toEqual([1])
    expect(writeQueue().list()).toEqual([])
    // sharing with the advisor offered the comment reminder
    expect(callsTo('subscribe')).toEqual([{ accepted: 1 }])
  })

  it('reopens a conflicting edit beside the note\'s current version and saves it on that version', async () => {
    serve({
      'journal.save': (input) => { if (input.baseVersion !== 3) throw new CallError('CONFLICT', '笔记已被修改'); return view('n1', input.body, { version: 4 }) },
      'journal.get': () => view('n1', '别处改过的版本', { version: 3 })
    })
    const first = queueSave({ requestId: 'req-conflict-2', noteId: 'n1', baseVersion: 1, body: '我的修改', visibility: 'private', lessonId: null, photos: [] })
    await settle(async () => { await writeQueue().flush() })
    expect(writeQueue().get(first.id)?.state).toBe('failed')
    setRouterParams({ jobId: first.id })
    const page = render(<EditPage />)
    await settle()
    screen.getByText('这篇笔记已在别处修改')
    screen.getByText('别处改过的版本')
    fireEvent.click(screen.getByText('保存'))
    await settle()
    await settle(async () => { await writeQueue().flush() })
    const saves = callsTo('save')
    expect(saves[saves.length - 1]).toMatchObject({ noteId: 'n1', baseVersion: 3, body: '我的修改' })
    expect(saves[saves.length - 1].requestId).not.toBe('req-conflict-2')
    expect(writeQueue().list()).toEqual([])
    page.unmount()
  })

  it('restores what was typed when the editor reopens', async () => {
    jest.useFakeTimers()
    try {
      const page = render(<EditPage />)
      await settle()
      typeInto(page.container.querySelector('taro-textarea-core')!, '写到一半')
      page.unmount()
      const again = render(<EditPage />)
      await settle()
      screen.getByText('已恢复上次未保存的内容')
      expect(again.container.querySelector('taro-textarea-core')?.getAttribute('value') ?? (again.container.querySelector('taro-textarea-core') as any)?.value).toBe('写到一半')
      again.unmount()
    } finally {
      jest.useRealTimers()
    }
  })
})

describe('comments', () => {
  it('an advisor comments with one request id across retries, and the comment is shown', async () => {
    setMe({ bound: true, roles: ['advisor'], person: null, advisorOf: ['g1'], contactOf: [] } as any)
    let fail = true
    serve({
      'journal.get': () => view('n1', '今天学习了党章', { mine: false, visibility: 'advisor' }),
      'journal.comment': (input) => {
        if (fail) { fail = false; throw offline() }
        return { id: 'c1', authorName: '王老师', authorRole: '指导教师', body: input.body, createdAt: T }
      }
    })
    setRouterParams({ noteId: 'n1' })
    const page = render(<NotePage />)
    await settle()
    typeInto(page.container.querySelector('taro-textarea-core')!, '写得很好，继续坚持')
    fireEvent.click(screen.getByText('发表评论'))
    await settle()
    screen.getByText('网络不可用，请检查网络后重试')
    fireEvent.click(screen.getByText('发表评论'))
    await settle()
    screen.getByText('写得很好，继续坚持')
    const sent = callsTo('comment')
    expect(sent).toHaveLength(2)
    expect(sent[0].requestId).toBe(sent[1].requestId)
    page.unmount()
  })

  it('the advisors\' inbox lists shared notes with their group, unread marked, and opens one', async () => {
    serve({ 'journal.shared': () => ({ items: [{ ...item('n1', '未读的笔记'), unread: 1, groupName: '武汉一组' }, { ...item('n2', '读过的'), groupName: '武汉二组' }], nextCursor: null, total: 2 }) })
    const page = render(<InboxPage />)
    await settle()
    screen.getByText('李同学 · 武汉一组')
    expect(screen.getAllByText('未读')).toHaveLength(1)
    fireEvent.click(screen.getByText('未读的笔记'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/journal/pages/note/index?noteId=n1' })
    page.unmount()
  })
})
