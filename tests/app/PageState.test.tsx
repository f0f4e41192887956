/**
 * PageState, the four states every page draws the same way, and the footer of long lists:
 * each state says in Chinese what is going on, and a retry reaches the page's callback.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import fc from 'fast-check'
import ListFooter from '../../src/components/ListFooter'
import PageState, { InlineError } from '../../src/components/PageState'
import type { CursorList } from '../../src/hooks/useCursorList'
import { CallError } from '../../src/services/cloud'
import { ERROR_CODES } from '../../types/errors'

const GENERIC = '出了点问题，请稍后再试'
const OFFLINE = '网络不可用，请检查网络后重试'

/** A function's failure and the sentence a person should read for it. */
const failure = fc.oneof(
  fc.record({ code: fc.constantFrom(...ERROR_CODES), message: fc.string({ minLength: 1, maxLength: 30 }) }).map(({ code, message }) => ({ error: new CallError(code, message), says: message })),
  fc.string({ maxLength: 30 }).map((message) => ({ error: new CallError('NETWORK_ERROR', message), says: OFFLINE })),
  fc.constantFrom(...ERROR_CODES).map((code) => ({ error: new CallError(code, ''), says: GENERIC }))
)

describe('PageState', () => {
  it('shows a busy skeleton while loading, and not the content', () => {
    const { container } = render(<PageState status='loading'><span>内容</span></PageState>)
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull()
    expect(container.querySelector('.nut-skeleton')).not.toBeNull()
    expect(screen.queryByText('内容')).toBeNull()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('shows 加载失败 with the function\'s own message, and 重试 calls back once per tap', async () => {
    await fc.assert(
      fc.asyncProperty(failure, fc.integer({ min: 1, max: 3 }), async ({ error, says }, taps) => {
        const onRetry = jest.fn()
        const view = render(<PageState status='error' error={error} onRetry={onRetry}><span>内容</span></PageState>)
        try {
          const alert = screen.getByRole('alert')
          expect(alert.textContent).toContain('加载失败')
          expect(alert.textContent).toContain(says)
          expect(screen.queryByText('内容')).toBeNull()
          for (let i = 0; i < taps; i++) fireEvent.click(screen.getByText('重试'))
          expect(onRetry).toHaveBeenCalledTimes(taps)
        } finally {
          view.unmount()
        }
      }),
      { numRuns: 30 }
    )
  })

  it('shows a general message when there is no error to tell, and no retry without a callback', () => {
    render(<PageState status='error' />)
    expect(screen.getByRole('alert').textContent).toContain(GENERIC)
    expect(screen.queryByText('重试')).toBeNull()
  })

  it('heads the error with the page\'s own title when 加载失败 would mislead, keeping the message', () => {
    fc.assert(
      fc.property(failure, fc.string({ minLength: 1, maxLength: 12 }).filter((t) => t.trim().length > 0 && t !== '加载失败'), ({ error, says }, title) => {
        const view = render(<PageState status='error' error={error} errorTitle={title} />)
        try {
          const alert = screen.getByRole('alert')
          expect(alert.textContent).toContain(title)
          expect(alert.textContent).not.toContain('加载失败')
          expect(alert.textContent).toContain(says)
        } finally {
          view.unmount()
        }
      }),
      { numRuns: 20 }
    )
  })

  it('shows 这里还没有内容 when empty, or the page\'s own title, hint and action', () => {
    const first = render(<PageState status='empty'><span>内容</span></PageState>)
    expect(screen.getByText('这里还没有内容')).toBeTruthy()
    expect(screen.queryByText('内容')).toBeNull()
    first.unmount()

    render(<PageState status='empty' emptyTitle='还没有加入小组' emptyHint='绑定学号后即可看到你的小组' emptyAction={<button>去绑定</button>} />)
    expect(screen.getByText('还没有加入小组')).toBeTruthy()
    expect(screen.getByText('绑定学号后即可看到你的小组')).toBeTruthy()
    expect(screen.getByText('去绑定')).toBeTruthy()
    expect(screen.queryByText('这里还没有内容')).toBeNull()
  })

  it('shows the content, and only the content, when ready', () => {
    const { container } = render(<PageState status='ready' error={new CallError('INTERNAL', '刷新失败')}><span>内容</span></PageState>)
    expect(container.textContent).toBe('内容')
  })
})

describe('InlineError', () => {
  it('shows nothing without an error, and the message with a working 重试 with one', async () => {
    expect(render(<InlineError error={null} onRetry={() => undefined} />).container.textContent).toBe('')
    await fc.assert(
      fc.asyncProperty(failure, async ({ error, says }) => {
        const onRetry = jest.fn()
        const view = render(<InlineError error={error} onRetry={onRetry} />)
        try {
          expect(screen.getByRole('alert').textContent).toContain(says)
          fireEvent.click(screen.getByText('重试'))
          expect(onRetry).toHaveBeenCalledTimes(1)
        } finally {
          view.unmount()
        }
      }),
      { numRuns: 20 }
    )
  })
})

describe('ListFooter', () => {
  const list = (state: Partial<CursorList<string>>): CursorList<string> => ({
    status: 'ready', items: ['甲'], total: null, error: null, loadingMore: false, done: false, loadMore: jest.fn(async () => undefined), reload: jest.fn(async () => undefined), retry: jest.fn(async () => undefined), ...state
  })

  it('says 加载中… while the next page loads', () => {
    render(<ListFooter list={list({ loadingMore: true })} />)
    expect(screen.getByText('加载中…')).toBeTruthy()
  })

  it('says how many there are at the end of the list', () => {
    fc.assert(
      fc.property(fc.option(fc.nat(10_000), { nil: null }), (total) => {
        const view = render(<ListFooter list={list({ done: true, total })} />)
        try {
          expect(view.container.textContent).toBe(total === null ? '已全部显示' : `共 ${total} 条，已全部显示`)
        } finally {
          view.unmount()
        }
      }),
      { numRuns: 10 }
    )
  })

  it('loads more on 加载更多, and repeats the failed call on 重试', () => {
    const more = list({})
    const first = render(<ListFooter list={more} />)
    fireEvent.click(screen.getByText('加载更多'))
    expect(more.loadMore).toHaveBeenCalledTimes(1)
    first.unmount()

    const failed = list({ error: new CallError('NETWORK_ERROR', 'x') })
    render(<ListFooter list={failed} />)
    expect(screen.getByRole('alert').textContent).toContain(OFFLINE)
    fireEvent.click(screen.getByText('重试'))
    expect(failed.retry).toHaveBeenCalledTimes(1)
  })
})
