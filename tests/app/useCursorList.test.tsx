/**
 * useCursorList, the infinite list over keyset pages: pages appended in order, the next
 * page loaded once however often the reader hits the bottom, a failed page kept and
 * retried, reload and a change of filter starting over. The network is simulated: every
 * page answers when the generated script says, so the interleavings a slow phone sees
 * (an answer landing just before a reach-bottom, a pull-down while a page loads) are tried.
 */
import { renderHook } from '@testing-library/react'
import fc from 'fast-check'
import { CursorList, CursorPage, useCursorList } from '../../src/hooks/useCursorList'
import { CallError } from '../../src/services/cloud'
import Taro, { firePageEvent } from './mocks/taro'
import { microtasks, PendingCalls, settle } from './pending'

/** A list as the server holds it, cut into pages: items are unique, so a repeat shows. */
const pagesOf = (label: string) =>
  fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 }).map((sizes) => sizes.map((size, p) => Array.from({ length: size }, (_, i) => `${label}${p}.${i}`)))

/** The keyset page a server answers for a cursor (`c<n>` is the n-th page). */
function pageAt(pages: string[][], cursor: string | undefined): CursorPage<string> {
  const index = cursor === undefined ? 0 : Number(cursor.slice(1))
  const total = pages.flat().length
  return { items: pages[index], nextCursor: index + 1 < pages.length ? `c${index + 1}` : null, total }
}

/** The first n pages, flattened: what the screen may show after n pages are in. */
const firstPages = (pages: string[][], n: number) => pages.slice(0, n).flat()

function expectWholePages(items: string[], pages: string[][]): void {
  if (!items.length) return
  const n = pages.findIndex((_, i) => firstPages(pages, i + 1).length >= items.length)
  expect(items).toEqual(firstPages(pages, n + 1))
}

type Server = PendingCalls<[string | undefined], CursorPage<string>>

function renderListOver(server: Server) {
  return renderHook(() => useCursorList((cursor) => server.fn(cursor)))
}

/**
 * Lets the network recover: answers every open call, retries what failed (the first page by
 * reload, a next page by reaching the bottom) and scrolls to the end. The list must end complete.
 */
async function drain(server: Server, pages: string[][], result: { current: CursorList<string> }) {
  for (let guard = 0; guard < 4 * pages.length + 10; guard++) {
    const open = server.open
    if (open.length) await settle(() => open.forEach((c) => c.resolve(pageAt(pages, c.args[0]))))
    else if (result.current.status === 'error' || (result.current.done && result.current.error)) await settle(() => void result.current.reload())
    else if (!result.current.done) await settle(() => firePageEvent('reachBottom'))
    else return
  }
  throw new Error('the list never finished')
}

describe('useCursorList', () => {
  it('appends the pages in order until the last one, and loads each once however often the bottom is reached', async () => {
    await fc.assert(
      fc.asyncProperty(pagesOf('p'), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 5, maxLength: 5 }), async (pages, bottoms) => {
        const server: Server = new PendingCalls()
        const { result, unmount } = renderListOver(server)
        try {
          expect(result.current.status).toBe('loading')
          await settle(() => server.last.resolve(pageAt(pages, undefined)))
          for (let n = 1; n < pages.length; n++) {
            expect(result.current).toMatchObject({ status: 'ready', items: firstPages(pages, n), done: false, loadingMore: false })
            // The reader may hit the bottom several times while the next page is on its way.
            await settle(() => {
              for (let i = 0; i < bottoms[n % bottoms.length]; i++) firePageEvent('reachBottom')
            })
            expect(result.current.loadingMore).toBe(true)
            expect(server.open).toHaveLength(1)
            await settle(() => server.last.resolve(pageAt(pages, server.last.args[0])))
          }
          expect(result.current).toMatchObject({ status: 'ready', items: pages.flat(), done: true, loadingMore: false, total: pages.flat().length, error: null })
          expect(server.calls.map((c) => c.args[0])).toEqual(pages.map((_, i) => (i === 0 ? undefined : `c${i}`)))
          // At the end, reaching the bottom asks for nothing more.
          await settle(() => firePageEvent('reachBottom'))
          expect(server.calls).toHaveLength(pages.length)
        } finally {
          unmount()
        }
      }),
      { numRuns: 30 }
    )
  })

  it('loads the next page once when the bottom is reached just as the previous page arrives', async () => {
    await fc.assert(
      fc.asyncProperty(pagesOf('p').filter((p) => p.length >= 2), async (pages) => {
        const server: Server = new PendingCalls()
        const { result, unmount } = renderListOver(server)
        try {
          await settle(() => server.last.resolve(pageAt(pages, undefined)))
          await settle(() => firePageEvent('reachBottom'))
          // The page lands and the reader reaches the bottom again before the screen re-renders.
          await settle(async () => {
            server.last.resolve(pageAt(pages, server.last.args[0]))
            await microtasks()
            firePageEvent('reachBottom')
          })
          await drain(server, pages, result)
          expect(result.current.items).toEqual(pages.flat())
          expect(server.calls.map((c) => c.args[0])).toEqual(pages.map((_, i) => (i === 0 ? undefined : `c${i}`)))
        } finally {
          unmount()
        }
      }),
      { numRuns: 20 }
    )
  })

  it('keeps the items when the next page fails, and a retry loads that same page', async () => {
    await fc.assert(
      fc.asyncProperty(pagesOf('p').filter((p) => p.length >= 2), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), async (pages, failures) => {
        const server: Server = new PendingCalls()
        const { result, unmount } = renderListOver(server)
        try {
          await settle(() => server.last.resolve(pageAt(pages, undefined)))
          let n = 1
          for (const fails of failures) {
            if (n === pages.length) break
            await settle(() => void result.current.loadMore())
            expect(server.last.args[0]).toBe(`c${n}`)
            if (fails) {
              await settle(() => server.last.reject(new CallError('NETWORK_ERROR', '网络不可用')))
              expect(result.current).toMatchObject({ status: 'ready', items: firstPages(pages, n), loadingMore: false, done: false })
              expect(result.current.error?.code).toBe('NETWORK_ERROR')
            } else {
              await settle(() => server.last.resolve(pageAt(pages, server.last.args[0])))
              n++
              expect(result.current).toMatchObject({ items: firstPages(pages, n), error: null })
            }
          }
          await drain(server, pages, result)
          expect(result.current).toMatchObject({ items: pages.flat(), error: null, done: true })
        } finally {
          unmount()
        }
      }),
      { numRuns: 30 }
    )
  })

  it('retries what failed: a failed refresh repeats the first page, a failed next page that page', async () => {
    await fc.assert(
      fc.asyncProperty(pagesOf('r').filter((p) => p.length >= 2), async (pages) => {
        const server: Server = new PendingCalls()
        const { result, unmount } = renderListOver(server)
        try {
          await settle(() => server.last.resolve(pageAt(pages, undefined)))
          // A pull-down that fails keeps the list; retry asks for the first page again.
          await settle(() => firePageEvent('pullDownRefresh'))
          await settle(() => server.last.reject(new CallError('NETWORK_ERROR', '网络不可用')))
          expect(result.current).toMatchObject({ status: 'ready', items: pages[0] })
          await settle(() => void result.current.retry())
          expect(server.last.args[0]).toBeUndefined()
          await settle(() => server.last.resolve(pageAt(pages, undefined)))
          expect(result.current).toMatchObject({ items: pages[0], error: null })
          // A next page that fails: retry asks for that page.
          await settle(() => void result.current.loadMore())
          await settle(() => server.last.reject(new CallError('NETWORK_ERROR', '网络不可用')))
          await settle(() => void result.current.retry())
          expect(server.last.args[0]).toBe('c1')
        } finally {
          unmount()
        }
      }),
      { numRuns: 10 }
    )
  })

  it('shows no spinner for a next page superseded by a reload or a pull-down, whichever answers first', async () => {
    await fc.assert(
      fc.asyncProperty(pagesOf('p').filter((p) => p.length >= 2), fc.boolean(), fc.boolean(), fc.boolean(), async (pages, byPullDown, pageFirst, pageFails) => {
        const server: Server = new PendingCalls()
        const { result, unmount } = renderListOver(server)
        try {
          await settle(() => server.last.resolve(pageAt(pages, undefined)))
          await settle(() => firePageEvent('reachBottom'))
          const nextPage = server.last
          expect(result.current.loadingMore).toBe(true)
          await settle(() => (byPullDown ? firePageEvent('pullDownRefresh') : void result.current.reload()))
          const firstPage = server.last
          const answerNextPage = () => (pageFails ? nextPage.reject(new CallError('NETWORK_ERROR', '网络不可用')) : nextPage.resolve(pageAt(pages, 'c1')))
          for (const answer of pageFirst ? [answerNextPage, () => firstPage.resolve(pageAt(pages, undefined))] : [() => firstPage.resolve(pageAt(pages, undefined)), answerNextPage]) {
            await settle(answer)
          }
          // The superseded page neither shows nor leaves its spinner or its error behind.
          expect(result.current).toMatchObject({ status: 'ready', items: pages[0], loadingMore: false, error: null, done: false })
        } finally {
          unmount()
        }
      }),
      { numRuns: 16 }
    )
  })

  type Step =
    | { kind: 'bottom' }
    | { kind: 'reload' }
    | { kind: 'pullDown' }
    | { kind: 'answer'; pick: number; fail: boolean }
    | { kind: 'answerThenBottom'; pick: number }
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.constant({ kind: 'bottom' as const }),
    fc.constant({ kind: 'reload' as const }),
    fc.constant({ kind: 'pullDown' as const }),
    fc.record({ kind: fc.constant('answer' as const), pick: fc.nat(), fail: fc.boolean() }),
    fc.record({ kind: fc.constant('answerThenBottom' as const), pick: fc.nat() })
  )

  it('whatever the order of pages, reloads and pull-downs, shows whole pages in order and no spinner once all answers are in', async () => {
    await fc.assert(
      fc.asyncProperty(pagesOf('p'), fc.array(step, { maxLength: 14 }), async (pages, script) => {
        const server: Server = new PendingCalls()
        const { result, unmount } = renderListOver(server)
        try {
          for (const s of script) {
            const open = server.open
            const call = open.length ? open[('pick' in s ? s.pick : 0) % open.length] : undefined
            if (s.kind === 'bottom') await settle(() => firePageEvent('reachBottom'))
            else if (s.kind === 'reload') await settle(() => void result.current.reload())
            else if (s.kind === 'pullDown') await settle(() => firePageEvent('pullDownRefresh'))
            else if (call && s.kind === 'answer') await settle(() => (s.fail ? call.reject(new CallError('INTERNAL', '服务繁忙')) : call.resolve(pageAt(pages, call.args[0]))))
            else if (call && s.kind === 'answerThenBottom') {
              await settle(async () => {
                call.resolve(pageAt(pages, call.args[0]))
                await microtasks()
                firePageEvent('reachBottom')
              })
            }
            expectWholePages(result.current.items, pages)
            if (!server.open.length) {
              expect(result.current.loadingMore).toBe(false)
              expect(result.current.status).not.toBe('loading')
            }
          }
          await drain(server, pages, result)
          expect(result.current).toMatchObject({ status: 'ready', items: pages.flat(), done: true, loadingMore: false, error: null })
        } finally {
          unmount()
        }
      }),
      { numRuns: 150 }
    )
  })

  it('starts over on reload and on pull-down, replacing the pages read so far, and stops the pull-down indicator', async () => {
    await fc.assert(
      fc.asyncProperty(pagesOf('old'), pagesOf('new'), fc.boolean(), async (before, after, byPullDown) => {
        const server: Server = new PendingCalls()
        let pages = before
        const { result, unmount } = renderHook(() => useCursorList((cursor) => server.fn(cursor)))
        try {
          await drain(server, pages, result)
          expect(result.current.items).toEqual(before.flat())
          pages = after
          await settle(() => (byPullDown ? firePageEvent('pullDownRefresh') : void result.current.reload()))
          expect(server.last.args[0]).toBeUndefined()
          await settle(() => server.last.resolve(pageAt(pages, undefined)))
          expect(result.current).toMatchObject({ status: 'ready', items: after[0], done: after.length === 1 })
          expect(Taro.stopPullDownRefresh).toHaveBeenCalledTimes(byPullDown ? 1 : 0)
          await drain(server, pages, result)
          expect(result.current.items).toEqual(after.flat())
        } finally {
          unmount()
          jest.mocked(Taro.stopPullDownRefresh).mockClear()
        }
      }),
      { numRuns: 20 }
    )
  })

  it('starts over when the filter changes, and never shows a page of the previous filter', async () => {
    const listsByFilter = fc.tuple(pagesOf('a'), pagesOf('b'), pagesOf('c'))
    const steps = fc.array(fc.oneof(fc.record({ kind: fc.constant('filter' as const), filter: fc.integer({ min: 0, max: 2 }) }), fc.record({ kind: fc.constant('answer' as const), pick: fc.nat() }), fc.constant({ kind: 'bottom' as const })), { maxLength: 14 })
    await fc.assert(
      fc.asyncProperty(listsByFilter, steps, async (lists, script) => {
        const server = new PendingCalls<[number, string | undefined], CursorPage<string>>()
        const { result, rerender, unmount } = renderHook(({ filter }) => useCursorList((cursor) => server.fn(filter, cursor), [filter]), { initialProps: { filter: 0 } })
        try {
          let filter = 0
          for (const s of script) {
            if (s.kind === 'filter') {
              const changed = s.filter !== filter
              filter = s.filter
              await settle(() => rerender({ filter }))
              if (changed) expect(result.current).toMatchObject({ status: 'loading', items: [] })
            } else if (s.kind === 'bottom') {
              await settle(() => firePageEvent('reachBottom'))
            } else {
              const open = server.open
              if (!open.length) continue
              const call = open[s.pick % open.length]
              await settle(() => call.resolve(pageAt(lists[call.args[0]], call.args[1])))
            }
            expectWholePages(result.current.items, lists[filter])
            if (!server.open.length) expect(result.current.loadingMore).toBe(false)
          }
          const open = server.open
          await settle(() => open.forEach((c) => c.resolve(pageAt(lists[c.args[0]], c.args[1]))))
          expect(result.current.status).toBe('ready')
          expectWholePages(result.current.items, lists[filter])
          expect(result.current.items.length).toBeGreaterThan(0)
        } finally {
          unmount()
        }
      }),
      { numRuns: 40 }
    )
  })
})
