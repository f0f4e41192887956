/**
 * usePageData, the first screen of every page: loading, content or empty, error with retry,
 * refreshes that keep the content on screen, loads superseded by a change of filter, and
 * WeChat's pull-down refresh.
 */
import { renderHook } from '@testing-library/react'
import fc from 'fast-check'
import { usePageData } from '../../src/hooks/usePageData'
import { CallError } from '../../src/services/cloud'
import { ERROR_CODES } from '../../types/errors'
import Taro, { firePageEvent } from './mocks/taro'
import { PendingCalls, settle } from './pending'

const RUNS = { numRuns: 25 }

/** A failure as a function reports it, or anything else a call can throw. */
const failure = fc.oneof(
  fc.record({ code: fc.constantFrom(...ERROR_CODES, 'NETWORK_ERROR'), message: fc.string({ minLength: 1 }) }).map(({ code, message }) => ({ thrown: new CallError(code, message) as unknown, code, message })),
  fc.string({ minLength: 1 }).map((message) => ({ thrown: new Error(message) as unknown, code: 'INTERNAL', message }))
)

function renderList(server: PendingCalls<[], string[]>) {
  return renderHook(() => usePageData(server.fn, { isEmpty: (list) => list.length === 0 }))
}

describe('usePageData', () => {
  it('shows loading until the first answer, then the content, or the empty state when there is none', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string(), { maxLength: 4 }), async (list) => {
        const server = new PendingCalls<[], string[]>()
        const { result, unmount } = renderList(server)
        try {
          expect(result.current).toMatchObject({ status: 'loading', data: undefined, error: null, refreshing: false })
          expect(server.calls).toHaveLength(1)
          await settle(() => server.last.resolve(list))
          expect(result.current).toMatchObject({ status: list.length ? 'ready' : 'empty', data: list, error: null, refreshing: false })
          expect(server.calls).toHaveLength(1)
        } finally {
          unmount()
        }
      }),
      RUNS
    )
  })

  it('shows content for a load that answers nothing (undefined), and waits while not enabled', async () => {
    const server = new PendingCalls<[], undefined>()
    const { result, rerender, unmount } = renderHook(({ enabled }) => usePageData(server.fn, { enabled }), { initialProps: { enabled: false } })
    try {
      expect(result.current.status).toBe('loading')
      await settle(() => firePageEvent('pullDownRefresh'))
      expect(server.calls).toHaveLength(0)
      rerender({ enabled: true })
      await settle(() => server.last.resolve(undefined))
      expect(result.current).toMatchObject({ status: 'ready', data: undefined, error: null })
    } finally {
      unmount()
    }
  })

  it('shows the failure with its code and message, and a retry that succeeds shows the content', async () => {
    await fc.assert(
      fc.asyncProperty(failure, async ({ thrown, code, message }) => {
        const server = new PendingCalls<[], string[]>()
        const { result, unmount } = renderList(server)
        try {
          await settle(() => server.last.reject(thrown))
          expect(result.current.status).toBe('error')
          expect(result.current.error).toBeInstanceOf(CallError)
          expect(result.current.error).toMatchObject({ code, message })

          let retried!: Promise<void>
          await settle(() => {
            retried = result.current.reload()
          })
          // A retry from the error screen is a first load again, not a refresh over content.
          expect(result.current).toMatchObject({ status: 'loading', refreshing: false })
          await settle(async () => {
            server.last.resolve(['第一小组'])
            await retried
          })
          expect(result.current).toMatchObject({ status: 'ready', data: ['第一小组'], error: null })
          expect(server.calls).toHaveLength(2)
        } finally {
          unmount()
        }
      }),
      RUNS
    )
  })

  it('keeps the content on screen while a refresh runs, and keeps it with the error when the refresh fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string(), { minLength: 1, maxLength: 3 }), fc.array(fc.string(), { minLength: 1, maxLength: 3 }), failure, async (before, after, { thrown, code }) => {
        const server = new PendingCalls<[], string[]>()
        const { result, unmount } = renderList(server)
        try {
          await settle(() => server.last.resolve(before))

          await settle(() => void result.current.reload())
          expect(result.current).toMatchObject({ status: 'ready', data: before, refreshing: true })
          await settle(() => server.last.resolve(after))
          expect(result.current).toMatchObject({ status: 'ready', data: after, refreshing: false, error: null })

          await settle(() => void result.current.reload())
          await settle(() => server.last.reject(thrown))
          expect(result.current).toMatchObject({ status: 'ready', data: after, refreshing: false })
          expect(result.current.error?.code).toBe(code)

          // The next successful refresh clears the error.
          await settle(() => void result.current.reload())
          await settle(() => server.last.resolve(before))
          expect(result.current).toMatchObject({ status: 'ready', data: before, error: null })
        } finally {
          unmount()
        }
      }),
      RUNS
    )
  })

  type Step = { kind: 'filter'; filter: number } | { kind: 'answer'; pick: number; fail: boolean }
  const steps = fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('filter' as const), filter: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('answer' as const), pick: fc.nat(), fail: fc.boolean() })
    ),
    { maxLength: 12 }
  )

  it('drops the answers of loads superseded by a change of filter, whatever order they arrive in', async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (script: Step[]) => {
        const server = new PendingCalls<[number], string>()
        const answerOf = (call: number) => `answer ${call} for filter ${server.calls[call].args[0]}`
        const { result, rerender, unmount } = renderHook(({ filter }) => usePageData(() => server.fn(filter), { deps: [filter] }), { initialProps: { filter: 0 } })
        try {
          let filter = 0
          const outcome = new Map<number, 'ok' | 'failed'>()
          for (const step of script) {
            if (step.kind === 'filter') {
              filter = step.filter
              await settle(() => rerender({ filter }))
            } else {
              const open = server.open
              if (!open.length) continue
              const call = open[step.pick % open.length]
              const index = server.calls.indexOf(call)
              outcome.set(index, step.fail ? 'failed' : 'ok')
              await settle(() => (step.fail ? call.reject(new CallError('INTERNAL', '服务繁忙')) : call.resolve(answerOf(index))))
            }
            // Only the latest load, the one for the filter on screen, may show.
            const latest = server.calls.length - 1
            expect(server.last.args[0]).toBe(filter)
            const shown = outcome.get(latest)
            expect(result.current.data).toBe(shown === 'ok' ? answerOf(latest) : undefined)
            expect(result.current.status).toBe(shown === 'ok' ? 'ready' : shown === 'failed' ? 'error' : 'loading')
          }
        } finally {
          unmount()
        }
      }),
      { numRuns: 40 }
    )
  })

  it('reloads on pull-down over the content and stops the pull-down indicator, whether the reload succeeds or fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), async (fails) => {
        const server = new PendingCalls<[], string[]>()
        const { result, unmount } = renderList(server)
        try {
          await settle(() => server.last.resolve(['旧']))
          await settle(() => firePageEvent('pullDownRefresh'))
          expect(server.calls).toHaveLength(2)
          expect(result.current).toMatchObject({ status: 'ready', data: ['旧'], refreshing: true })
          expect(Taro.stopPullDownRefresh).not.toHaveBeenCalled()

          await settle(() => (fails ? server.last.reject(new CallError('NETWORK_ERROR', '网络不可用')) : server.last.resolve(['新'])))
          expect(Taro.stopPullDownRefresh).toHaveBeenCalledTimes(1)
          expect(result.current).toMatchObject({ status: 'ready', data: fails ? ['旧'] : ['新'], refreshing: false })
          expect(result.current.error?.code).toBe(fails ? 'NETWORK_ERROR' : undefined)
        } finally {
          unmount()
          jest.mocked(Taro.stopPullDownRefresh).mockClear()
        }
      }),
      { numRuns: 4 }
    )
  })

  it('waits while not enabled, then loads', async () => {
    const server = new PendingCalls<[], string[]>()
    const { result, rerender } = renderHook(({ enabled }) => usePageData(server.fn, { enabled }), { initialProps: { enabled: false } })
    await settle()
    expect(result.current.status).toBe('loading')
    expect(server.calls).toHaveLength(0)
    await settle(() => rerender({ enabled: true }))
    expect(server.calls).toHaveLength(1)
    await settle(() => server.last.resolve(['内容']))
    expect(result.current).toMatchObject({ status: 'ready', data: ['内容'] })
  })
})
