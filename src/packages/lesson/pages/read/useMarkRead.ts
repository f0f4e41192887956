/**
 * Marking a lesson read when the reader reaches the end of its body: the end comes into
 * view while scrolling, the page's bottom is reached, or the lesson is short enough that
 * its end is visible from the start. One `lesson.markRead` per visit at most (the function
 * counts a reader once anyway); none for a lesson already read or a composer's preview.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePageScroll, useReachBottom } from '@tarojs/taro'

/** The element placed right after the body. */
export const LESSON_END_ID = 'lesson-end'

/** What the hook needs to know of the lesson. */
export interface MarkableLesson {
  id: string
  preview: boolean
  my: { readAt: string | null }
}

export interface MarkRead {
  /** the reader reached the end during this visit */
  finished: boolean
  /** when the lesson counts as read (null: not yet) */
  readAt: string | null
}

/** How long scrolling may go on before the end is looked for again. */
const SCROLL_CHECK_MS = 200

function viewportHeight(): number {
  try {
    return Taro.getWindowInfo().windowHeight
  } catch {
    return Taro.getSystemInfoSync().windowHeight
  }
}

/** Calls back with true when the end marker's top is within the viewport (or above it). */
function endInView(done: (inView: boolean) => void): void {
  Taro.createSelectorQuery().select(`#${LESSON_END_ID}`).boundingClientRect().exec((res) => {
    const rect = (res?.[0] ?? null) as { top: number } | null
    done(!!rect && rect.top <= viewportHeight())
  })
}

export function useMarkRead(lesson: MarkableLesson | undefined, mark: (lessonId: string) => Promise<{ readAt: string }>, onRead?: (lessonId: string) => void): MarkRead {
  const [finished, setFinished] = useState(false)
  const [marked, setMarked] = useState<{ id: string; readAt: string } | null>(null)
  const lessonRef = useRef(lesson)
  lessonRef.current = lesson
  // The lesson whose markRead is under way or done: one call per visit.
  const requested = useRef<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const reachEnd = useCallback(() => {
    const current = lessonRef.current
    if (!current) return
    setFinished(true)
    if (current.preview || current.my.readAt || requested.current === current.id) return
    requested.current = current.id
    mark(current.id).then(
      ({ readAt }) => {
        setMarked({ id: current.id, readAt })
        onRead?.(current.id)
      },
      // A failed mark is tried again the next time the end is reached.
      () => { if (requested.current === current.id) requested.current = null }
    )
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const check = useCallback(() => {
    timer.current = null
    if (!lessonRef.current) return
    endInView((inView) => { if (inView) reachEnd() })
  }, [reachEnd])

  // A short lesson: its end may be on screen before any scrolling.
  useEffect(() => {
    if (!lesson) return
    const t = setTimeout(check, SCROLL_CHECK_MS)
    return () => clearTimeout(t)
  }, [lesson?.id, check])

  usePageScroll(() => {
    if (timer.current === null) timer.current = setTimeout(check, SCROLL_CHECK_MS)
  })
  // The page's bottom lies past the body's end.
  useReachBottom(() => reachEnd())
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current) }, [])

  let readAt = lesson?.my.readAt ?? null
  if (!readAt && marked && marked.id === lesson?.id) readAt = marked.readAt
  return { finished, readAt }
}
