/**
 * Marking a lesson read (packages/lesson/pages/read/useMarkRead): the reader reaches the
 * end of the body — it is on screen from the start, scrolls into view, or the page's
 * bottom is reached — and `lesson.markRead` is called; at most one call at a time, none
 * after one succeeded, a failed one tried again at the next reach, and never for a
 * preview or a lesson already read. Scrolling, reaching the bottom and the network's
 * answers come in generated orders.
 */
import { act, renderHook } from '@testing-library/react'
import fc from 'fast-check'
import { LESSON_END_ID, MarkableLesson, useMarkRead } from '../../src/packages/lesson/pages/read/useMarkRead'
import { firePageEvent, getWindowInfo, setQueryRect } from './mocks/taro'
import { microtasks, PendingCalls } from './pending'

const VIEWPORT = getWindowInfo().windowHeight

type Step =
  | { kind: 'scroll'; top: number }
  | { kind: 'bottom' }
  | { kind: 'answer'; ok: boolean }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('scroll' as const), top: fc.integer({ min: -2000, max: 4000 }) }),
  fc.record({ kind: fc.constant('bottom' as const) }),
  fc.record({ kind: fc.constant('answer' as const), ok: fc.boolean() })
)

const lesson = fc.record({
  id: fc.constant('lesson0001'),
  preview: fc.boolean(),
  my: fc.record({ readAt: fc.option(fc.constant('2026-09-01T06:00:00.000Z'), { nil: null }) })
})

/** Runs a timer-driven step and the promise continuations it sets off. */
async function run(fn: () => void): Promise<void> {
  await act(async () => {
    fn()
    await microtasks()
  })
}

describe('useMarkRead', () => {
  beforeEach(() => jest.useFakeTimers())
  afterEach(() => jest.useRealTimers())

  it('marks the lesson read once the end of its body is reached, one call at a time, none after success, none for a preview or a read lesson', async () => {
    await fc.assert(fc.asyncProperty(lesson, fc.integer({ min: -500, max: 3000 }), fc.array(step, { maxLength: 12 }), async (l: MarkableLesson, startTop, steps) => {
      const server = new PendingCalls<[string], { readAt: string }>()
      const onRead = jest.fn()
      setQueryRect(`#${LESSON_END_ID}`, { top: startTop, height: 40 })
      const view = renderHook(() => useMarkRead(l, server.fn, onRead))
      const silent = l.preview || l.my.readAt !== null
      let open = false
      let done = false
      let calls = 0
      let reached = false
      const reach = () => {
        reached = true
        if (!silent && !open && !done) {
          open = true
          calls++
        }
      }
      try {
        // The end may be on screen before any scrolling (a short lesson).
        await run(() => jest.advanceTimersByTime(250))
        if (startTop <= VIEWPORT) reach()
        expect(server.calls).toHaveLength(calls)
        for (const s of steps) {
          if (s.kind === 'scroll') {
            setQueryRect(`#${LESSON_END_ID}`, { top: s.top, height: 40 })
            await run(() => firePageEvent('pageScroll'))
            await run(() => jest.advanceTimersByTime(250))
            if (s.top <= VIEWPORT) reach()
          } else if (s.kind === 'bottom') {
            await run(() => firePageEvent('reachBottom'))
            reach()
          } else if (server.open.length) {
            const call = server.open[0]
            await run(() => (s.ok ? call.resolve({ readAt: '2026-09-02T08:00:00.000Z' }) : call.reject(new Error('网络不可用'))))
            open = false
            if (s.ok) done = true
          }
          expect(server.calls).toHaveLength(calls)
          expect(server.open.length).toBeLessThanOrEqual(1)
        }
        for (const c of server.calls) expect(c.args).toEqual([l.id])
        expect(view.result.current.finished).toBe(reached)
        expect(onRead).toHaveBeenCalledTimes(done ? 1 : 0)
        const expectedReadAt = l.my.readAt ?? (done ? '2026-09-02T08:00:00.000Z' : null)
        expect(view.result.current.readAt).toBe(expectedReadAt)
      } finally {
        view.unmount()
      }
    }), { numRuns: 150 })
  })
})
