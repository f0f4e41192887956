/**
 * A long list, a page at a time: the first page is the screen's call, the next pages load
 * as the reader nears the bottom (infinite scroll), pull-to-refresh starts over. Pages are
 * the contract's keyset pages (`{ items, nextCursor, total }`), so nothing is skipped or
 * repeated while the list changes underneath.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { CallError } from '../services/cloud'
import { asCallError, PageStatus } from './usePageData'

export interface CursorPage<T> {
  items: T[]
  nextCursor: string | null
  total: number | null
}

export interface CursorList<T> {
  status: PageStatus
  items: T[]
  total: number | null
  /** a first-page failure (status 'error'), or the failure of loading more */
  error: CallError | null
  loadingMore: boolean
  /** true once the last page is in */
  done: boolean
  loadMore: () => Promise<void>
  reload: () => Promise<void>
  /** repeats the call that failed: the next page, or the first (a failed refresh) */
  retry: () => Promise<void>
}

export function useCursorList<T>(load: (cursor: string | undefined) => Promise<CursorPage<T>>, deps: readonly unknown[] = [], enabled = true): CursorList<T> {
  const [items, setItems] = useState<T[]>([])
  const [total, setTotal] = useState<number | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  // What loadMore reads: a page can land and the reader hit the bottom again before a re-render.
  const cursorRef = useRef<string | null>(null)
  const [first, setFirst] = useState<'loading' | 'loaded' | 'failed'>('loading')
  const [error, setError] = useState<CallError | null>(null)
  // Which call the error belongs to, so that retrying repeats that call.
  const [failed, setFailed] = useState<'start' | 'more'>('start')
  const [loadingMore, setLoadingMore] = useState(false)
  const loadRef = useRef(load)
  loadRef.current = load
  const generation = useRef(0)
  const busy = useRef(false)

  const start = useCallback(async (): Promise<void> => {
    const mine = ++generation.current
    busy.current = true
    // A page still loading belongs to the list being replaced: its spinner goes with it.
    setLoadingMore(false)
    try {
      const page = await loadRef.current(undefined)
      if (mine !== generation.current) return
      setItems(page.items)
      setTotal(page.total)
      cursorRef.current = page.nextCursor
      setCursor(page.nextCursor)
      setError(null)
      setFirst('loaded')
    } catch (e) {
      if (mine !== generation.current) return
      setError(asCallError(e))
      setFailed('start')
      setFirst((f) => (f === 'loaded' ? f : 'failed'))
    } finally {
      if (mine === generation.current) busy.current = false
    }
  }, [])

  useEffect(() => {
    if (!enabled) return
    setFirst('loading')
    setItems([])
    cursorRef.current = null
    setCursor(null)
    void start()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps])

  const loadMore = useCallback(async (): Promise<void> => {
    const from = cursorRef.current
    if (busy.current || !from) return
    const mine = generation.current
    busy.current = true
    setLoadingMore(true)
    try {
      const page = await loadRef.current(from)
      if (mine !== generation.current) return
      setItems((prev) => [...prev, ...page.items])
      cursorRef.current = page.nextCursor
      setCursor(page.nextCursor)
      if (page.total !== null) setTotal(page.total)
      setError(null)
    } catch (e) {
      if (mine === generation.current) {
        setError(asCallError(e))
        setFailed('more')
      }
    } finally {
      if (mine === generation.current) {
        busy.current = false
        setLoadingMore(false)
      }
    }
  }, [])

  useReachBottom(() => { void loadMore() })
  usePullDownRefresh(() => { void start().finally(() => Taro.stopPullDownRefresh()) })

  let status: PageStatus = 'ready'
  if (first === 'loading') status = 'loading'
  else if (first === 'failed') status = 'error'
  else if (!items.length) status = 'empty'
  const retry = useCallback(() => (failed === 'more' ? loadMore() : start()), [failed, loadMore, start])
  return { status, items, total, error, loadingMore, done: first === 'loaded' && cursor === null, loadMore, reload: start, retry }
}
