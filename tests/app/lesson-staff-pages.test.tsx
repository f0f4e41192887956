/**
 * The teachers' lesson pages with `call` answered by the test: the list (states, read
 * rates, filters, where a tap goes), the editor (checks in place, the function's refusals
 * at their field, a new draft created once however often its save is retried, publish now
 * or later, discard only when confirmed, nothing lost when leaving or failing, the
 * reader's preview) and the figures (totals, groups, who has not read, export).
 */
import { fireEvent, render, screen, within } from '@testing-library/react'
import fc from 'fast-check'
import LessonsPage from '../../src/packages/staff/pages/lessons'
import EditPage from '../../src/packages/staff/pages/lesson-edit'
import FiguresPage from '../../src/packages/staff/pages/lesson-figures'
import { percent } from '../../src/components/ReadRate/figures'
import { STATE_LABELS } from '../../src/components/LessonStatus'
import { ROUTES } from '../../src/routes'
import { call, CallError } from '../../src/services/cloud'
import Taro, { clearStorageSync, setRouterParams } from './mocks/taro'
import { settle } from './pending'
import { Handler, inputsOf, serveWith } from './serve'

jest.mock('../../src/services/cloud', () => ({ ...jest.requireActual('../../src/services/cloud'), call: jest.fn() }))
const mockCall = call as unknown as jest.Mock
const serve = (handlers: Record<string, Handler>): void => serveWith(mockCall, handlers)
const callsTo = (action: string): any[] => inputsOf(mockCall, 'lesson', action)

beforeEach(() => {
  clearStorageSync()
  setRouterParams({})
  mockCall.mockReset()
})

// ---- the list -------------------------------------------------------------------

const STATES = ['draft', 'scheduled', 'reviewing', 'published'] as const
const item = (k: number) => fc.record({
  state: fc.constantFrom(...STATES),
  review: fc.constantFrom('pass' as const, 'review' as const, 'risky' as const),
  targeted: fc.nat(60),
  readShare: fc.double({ min: 0, max: 1, noNaN: true })
}).map(({ state, review, targeted, readShare }) => {
  const read = Math.round(targeted * readShare)
  return {
    id: `l${k}`, title: `第${k}课 党史学习`, state, review,
    publishAt: state === 'draft' ? null : '2026-09-01T02:00:00.000Z', editedAt: null, authorName: '王老师',
    targetLabel: k % 2 ? '全体实习生' : '3个党小组',
    figures: { targeted, read, readRate: targeted ? read / targeted : 0, answered: 0, quizAverage: null }
  }
})
const items = fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => item(k))))

describe('the staff lessons list', () => {
  it('shows every lesson with its state and, once published, its read rate; a tap opens the editor or the figures', async () => {
    await fc.assert(fc.asyncProperty(items, async (lessons) => {
      mockCall.mockReset()
      serve({ 'lesson.manage': () => ({ items: lessons, nextCursor: null, total: lessons.length }) })
      const view = render(<LessonsPage />)
      try {
        await settle()
        const cards = view.container.querySelectorAll('.manage-card')
        expect(cards).toHaveLength(lessons.length)
        lessons.forEach((l, i) => {
          const card = within(cards[i] as HTMLElement)
          card.getByText(l.title)
          card.getByText(STATE_LABELS[l.state])
          card.getByText(`推送给：${l.targetLabel}`)
          const rate = l.figures.targeted ? `${percent(l.figures.readRate)}% · ${l.figures.read}/${l.figures.targeted}` : '暂无读者'
          expect(card.queryByText(rate) !== null).toBe(l.state === 'published')
        })
        const k = lessons.length - 1
        Taro.navigateTo.mockClear()
        fireEvent.click(cards[k])
        const route = lessons[k].state === 'published' ? ROUTES.lessonFigures : ROUTES.lessonEdit
        expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${route}?lessonId=l${k}` })
      } finally {
        view.unmount()
      }
    }), { numRuns: 12 })
  })

  it('filters by state with one call a tab, says what is missing when empty, and retries after a failure', async () => {
    let fail = true
    serve({ 'lesson.manage': (input) => {
      if (fail) throw new CallError('NETWORK_ERROR', 'offline')
      return { items: [], nextCursor: null, total: 0 }
    } })
    const view = render(<LessonsPage />)
    await settle()
    expect(view.container.textContent).toContain('网络不可用，请检查网络后重试')
    fail = false
    fireEvent.click(screen.getByText('重试'))
    await settle()
    expect(view.container.textContent).toContain('还没有微党课')
    fireEvent.click(screen.getByText('草稿'))
    await settle()
    expect(callsTo('manage').map((i: any) => i.state)).toEqual([undefined, undefined, 'draft'])
    expect(view.container.textContent).toContain('没有草稿')
    fireEvent.click(screen.getByText('＋ 新建微党课'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.lessonEdit })
    view.unmount()
  })
})

// ---- the editor -----------------------------------------------------------------

const typeInto = (el: Element, value: string) => fireEvent(el, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
const titleInput = (c: HTMLElement) => c.querySelector('#field-title taro-input-core')!
const fieldText = (c: HTMLElement, field: string) => c.querySelector(`#field-${field}`)!.textContent

/** A saved lesson as `lesson.save` / `lesson.edit` answers it. */
const draftOf = (input: any, over: Record<string, unknown> = {}) => ({
  id: input.lessonId ?? 'new1', state: 'draft', review: 'pass', reviewReason: null,
  title: input.title, summary: input.summary ?? '', body: input.body ?? '', cover: input.cover ?? null, coverUrl: null, media: input.media ?? null,
  quiz: input.quiz ?? null, target: input.target ?? { kind: 'all' }, year: '2026-2027', publishAt: null, editedAt: null,
  targetGroups: (input.target?.groupIds ?? []).map((id: string) => ({ id, name: `${id}党小组` })),
  authorName: '王老师', createdAt: '2026-09-01T00:00:00.000Z', updatedAt: new Date(Date.now() + 1000).toISOString(), ...over
})

async function openEditor(params: Record<string, string> = {}) {
  setRouterParams(params)
  const view = render(<EditPage />)
  await settle()
  return view
}

describe('the lesson editor', () => {
  it('creates a new draft once however often its save fails and is retried, keeping what was typed', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.constantFrom('NETWORK_ERROR', 'INTERNAL'), async (failures, code) => {
      clearStorageSync()
      mockCall.mockReset()
      let left = failures
      const created: string[] = []
      serve({ 'lesson.save': (input) => {
        // The server may have stored the draft before the answer was lost.
        if (input.requestId && !created.includes(input.requestId)) created.push(input.requestId)
        if (left-- > 0) throw new CallError(code, '服务暂时不可用')
        return draftOf(input, { id: 'lesson-1' })
      } })
      const view = await openEditor()
      try {
        typeInto(titleInput(view.container), '学习党章')
        for (let i = 0; i <= failures; i++) {
          fireEvent.click(screen.getByText('保存草稿'))
          await settle()
          if (i < failures) {
            expect(view.container.querySelector('.lesson-edit__refusal')?.textContent).toMatch(/网络不可用|服务暂时不可用/)
            expect(titleInput(view.container).getAttribute('value')).toBe('学习党章')
          }
        }
        typeInto(titleInput(view.container), '学习党章（修订）')
        fireEvent.click(screen.getByText('保存草稿'))
        await settle()
        const saves = callsTo('save')
        expect(saves).toHaveLength(failures + 2)
        expect(created).toHaveLength(1)
        saves.slice(0, failures + 1).forEach((s: any) => { expect(s.requestId).toBe(created[0]); expect(s.lessonId).toBeUndefined() })
        expect(saves[failures + 1]).toMatchObject({ lessonId: 'lesson-1', title: '学习党章（修订）' })
      } finally {
        view.unmount()
      }
    }), { numRuns: 8 })
  })

  it('says in place what to fix before sending, and shows the function refusal at its field', async () => {
    serve({ 'lesson.save': () => { throw new CallError('INVALID_ARGUMENT', '参数不正确：summary：不能超过200个字', [{ path: ['summary'], message: '不能超过200个字' }]) } })
    const view = await openEditor()
    fireEvent.click(screen.getByText('保存草稿'))
    await settle()
    expect(callsTo('save')).toHaveLength(0)
    expect(fieldText(view.container, 'title')).toContain('请填写标题')
    typeInto(titleInput(view.container), '学习党章')
    expect(fieldText(view.container, 'title')).not.toContain('请填写标题')
    fireEvent.click(screen.getByText('保存草稿'))
    await settle()
    expect(callsTo('save')).toHaveLength(1)
    expect(fieldText(view.container, 'summary')).toContain('不能超过200个字')
    expect(fieldText(view.container, 'summary')).not.toContain('参数不正确')
    view.unmount()
  })

  it('shows a quiz refusal at its question', async () => {
    serve({ 'lesson.save': () => { throw new CallError('INVALID_ARGUMENT', 'x', [{ path: ['quiz', 'questions', 0, 'answer'], message: '请标出正确答案' }]) } })
    const view = await openEditor()
    typeInto(titleInput(view.container), '学习党章')
    fireEvent.click(screen.getByText('＋ 添加题目'))
    const texts = view.container.querySelectorAll('#field-quiz taro-textarea-core, #field-quiz taro-input-core')
    typeInto(texts[0], '党的根本宗旨是？')
    typeInto(texts[1], '为人民服务')
    typeInto(texts[2], '其他')
    fireEvent.click(screen.getByText('A'))
    fireEvent.click(screen.getByText('保存草稿'))
    await settle()
    expect(view.container.querySelector('.quiz-q')!.textContent).toContain('第1题：请标出正确答案')
    view.unmount()
  })

  it('publishes now, or at the chosen time, after saving', async () => {
    serve({
      'lesson.save': (input) => draftOf(input, { id: 'lesson-2' }),
      'lesson.publish': (input) => draftOf({ lessonId: input.lessonId, title: '学习党章' }, { state: input.publishAt ? 'scheduled' : 'published', publishAt: input.publishAt })
    })
    const view = await openEditor()
    typeInto(titleInput(view.container), '学习党章')
    fireEvent.click(screen.getByText('定时发布', { selector: '.schedule__mode' }))
    fireEvent.click(screen.getByText('定时发布', { selector: 'taro-button-core *, taro-button-core' }))
    await settle()
    const [first] = callsTo('publish') as any[]
    expect(first.lessonId).toBe('lesson-2')
    expect(Date.parse(first.publishAt)).toBeGreaterThan(Date.now())
    fireEvent.click(screen.getByText('立即发布', { selector: '.schedule__mode' }))
    fireEvent.click(screen.getByText('立即发布', { selector: 'taro-button-core *, taro-button-core' }))
    await settle()
    expect((callsTo('publish') as any[])[1]).toEqual({ lessonId: 'lesson-2', publishAt: null })
    view.unmount()
  })

  it('shows the groups a saved lesson goes to by their names, as the function kept them', async () => {
    serve({ 'lesson.edit': (input) => draftOf({ lessonId: input.lessonId, title: '旧课', target: { kind: 'groups', groupIds: ['郑州市', '洛阳市'] } }) })
    const view = await openEditor({ lessonId: 'old-3' })
    const chips = Array.from(view.container.querySelectorAll('.target-chip--removable'), (c) => c.textContent)
    expect(chips).toEqual(['郑州市党小组 ×', '洛阳市党小组 ×'])
    view.unmount()
  })

  it('discards a saved lesson only once the composer confirms', async () => {
    serve({ 'lesson.edit': (input) => draftOf({ lessonId: input.lessonId, title: '旧课' }, { state: 'scheduled', publishAt: '2030-01-01T00:00:00.000Z' }), 'lesson.discard': () => ({ discarded: true }) })
    const view = await openEditor({ lessonId: 'old-1' })
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    fireEvent.click(screen.getByText('删除'))
    await settle()
    expect(Taro.showModal).toHaveBeenCalledTimes(1)
    expect(callsTo('discard')).toHaveLength(0)
    fireEvent.click(screen.getByText('删除'))
    await settle()
    expect(callsTo('discard')).toEqual([{ lessonId: 'old-1' }])
    view.unmount()
  })

  it('keeps unsaved changes when the page is left, asks before the browser closes it, and offers them back', async () => {
    serve({ 'lesson.edit': (input) => draftOf({ lessonId: input.lessonId, title: '旧课' }, { updatedAt: '2026-09-01T00:00:00.000Z' }) })
    const first = await openEditor({ lessonId: 'old-2' })
    const idle = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(idle)
    expect(idle.defaultPrevented).toBe(false)
    typeInto(titleInput(first.container), '旧课（改）')
    const leaving = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(leaving)
    expect(leaving.defaultPrevented).toBe(true)
    first.unmount()
    const again = await openEditor({ lessonId: 'old-2' })
    expect(titleInput(again.container).getAttribute('value')).toBe('旧课（改）')
    expect(again.container.textContent).toContain('未保存的修改')
    fireEvent.click(screen.getByText('放弃这些修改'))
    expect(titleInput(again.container).getAttribute('value')).toBe('旧课')
    again.unmount()
  })

  it("saves, then opens the reader's own page on the lesson as the preview", async () => {
    serve({ 'lesson.save': (input) => draftOf(input, { id: 'lesson-3' }) })
    const view = await openEditor()
    typeInto(titleInput(view.container), '学习党章')
    fireEvent.click(screen.getByText('按读者所见预览（先保存）'))
    await settle()
    expect(callsTo('save')).toHaveLength(1)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${ROUTES.lessonRead}?lessonId=lesson-3` })
    view.unmount()
  })
})

// ---- the figures ----------------------------------------------------------------

describe('the lesson figures', () => {
  const figures = {
    lessonId: 'l1', title: '学习党章',
    totals: { targeted: 20, read: 12, readRate: 0.6, answered: 8, quizAverage: 75 },
    groups: [
      { groupId: 'g1', groupName: '郑州一组', province: '河南省', targeted: 10, read: 9, readRate: 0.9, answered: 5, quizAverage: 80 },
      { groupId: 'g2', groupName: '武汉二组', province: '湖北省', targeted: 10, read: 3, readRate: 0.3, answered: 3, quizAverage: 66.7 },
      { groupId: '~none:2026-2027', groupName: '未分组的实习生', province: '', targeted: 5, read: 1, readRate: 0.2, answered: 0, quizAverage: null }
    ]
  }

  it('refreshes the figures on a tap, wherever there is no pull-down', async () => {
    let read = 12
    serve({ 'lesson.figures': () => ({ ...figures, totals: { ...figures.totals, read } }) })
    setRouterParams({ lessonId: 'l1' })
    const view = render(<FiguresPage />)
    await settle()
    expect(view.container.textContent).toContain('已读 12 人')
    read = 13
    fireEvent.click(screen.getByText('刷新'))
    await settle()
    expect(callsTo('figures')).toHaveLength(2)
    expect(view.container.textContent).toContain('已读 13 人')
    view.unmount()
  })

  it('shows the totals and the groups needing attention first; a tap lists who has not read', async () => {
    serve({ 'lesson.figures': () => figures, 'lesson.unread': () => ({ people: [{ id: 'p1', name: '张三' }, { id: 'p2', name: '李四' }] }) })
    setRouterParams({ lessonId: 'l1' })
    const view = render(<FiguresPage />)
    await settle()
    expect(view.container.textContent).toContain('应读 20 人 · 已读 12 人')
    expect(view.container.textContent).toContain('测验：8人作答 · 平均 75 分')
    const rows = Array.from(view.container.querySelectorAll('.figures-table__row'))
    expect(rows.map((r) => r.querySelector('.figures-table__name')!.textContent)).toEqual(['未分组的实习生', '武汉二组', '郑州一组'])
    // The interns without a group have no province: their line starts with who is left.
    expect(rows.map((r) => r.querySelector('.figures-table__place')!.textContent)).toEqual(['4人未读 ›', '湖北省 · 7人未读 ›', '河南省 · 1人未读 ›'])
    expect(rows[0].querySelector('.figures-table__quiz')!.textContent).toBe('无人作答')
    fireEvent.click(rows[1])
    await settle()
    expect(callsTo('unread')).toEqual([{ lessonId: 'l1', groupId: 'g2' }])
    expect(view.baseElement.textContent).toContain('2人尚未阅读')
    expect(view.baseElement.textContent).toContain('张三')
    view.unmount()
  })

  it('exports the figures: the browser downloads the file, a failure says why', async () => {
    let fail = true
    serve({ 'lesson.figures': () => figures, 'lesson.exportFigures': () => { if (fail) throw new CallError('INTERNAL', '导出失败，请稍后重试'); return { fileID: 'cloud://x/f.xlsx', url: 'http://127.0.0.1/f.xlsx' } } })
    const clicked: string[] = []
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicked.push(this.href) })
    setRouterParams({ lessonId: 'l1' })
    const view = render(<FiguresPage />)
    await settle()
    fireEvent.click(screen.getByText('导出 Excel'))
    await settle()
    expect(view.container.textContent).toContain('导出失败，请稍后重试')
    expect(clicked).toEqual([])
    fail = false
    fireEvent.click(screen.getByText('导出 Excel'))
    await settle()
    expect(callsTo('exportFigures')).toEqual([{ lessonId: 'l1' }, { lessonId: 'l1' }])
    expect(clicked).toEqual(['http://127.0.0.1/f.xlsx'])
    expect(view.container.textContent).toContain('没有开始下载？')
    click.mockRestore()
    view.unmount()
  })
})
