/**
 * A page's data, the one way every page loads: the first screen's call, its states
 * (loading, empty, error with retry, content) and pull-to-refresh. A refresh keeps the
 * content on screen while it reloads; an error keeps the last content when there is one.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { CallError } from '../services/cloud'

export type PageStatus = 'loading' | 'empty' | 'error' | 'ready'

export interface PageData<T> {
  status: PageStatus
  data: T | undefined
  error: CallError | null
  /** true while a refresh (pull-down or `reload`) runs over content already shown */
  refreshing: boolean
  reload: () => Promise<void>
}

export interface PageDataOptions<T> {
  /** content that counts as "nothing here" (an empty list) */
  isEmpty?: (data: T) => boolean
  /** reload when these change (e.g. a filter) */
  deps?: readonly unknown[]
  /** false: wait (e.g. until the session is known) */
  enabled?: boolean
}

/** Any failure as a CallError, so pages show one kind of error. */
export const asCallError = (e: unknown): CallError =>
  e instanceof CallError ? e : new CallError('INTERNAL', e instanceof Error ? e.message : String(e))

export function usePageData<T>(load: () => Promise<T>, options: PageDataOptions<T> = {}): PageData<T> {
  const { isEmpty, deps = [], enabled = true } = options
  // `loaded` rather than `data !== undefined`: a load may answer undefined.
  const [content, setContent] = useState<{ loaded: boolean; data: T | undefined }>({ loaded: false, data: undefined })
  const [error, setError] = useState<CallError | null>(null)
  const [loading, setLoading] = useState(true)
  const [refreshing, setRefreshing] = useState(false)
  const loadRef = useRef(load)
  loadRef.current = load
  // Answers of superseded loads (a filter changed meanwhile) are dropped.
  const generation = useRef(0)

  const run = useCallback(async (asRefresh: boolean): Promise<void> => {
    const mine = ++generation.current
    if (asRefresh) setRefreshing(true)
    else setLoading(true)
    try {
      const next = await loadRef.current()
      if (mine !== generation.current) return
      setContent({ loaded: true, data: next })
      setError(null)
    } catch (e) {
      if (mine !== generation.current) return
      setError(asCallError(e))
    } finally {
      if (mine === generation.current) {
        setLoading(false)
        setRefreshing(false)
      }
    }
  }, [])

  useEffect(() => {
    if (!enabled) return
    setContent({ loaded: false, data: undefined })
    void run(false)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps])

  usePullDownRefresh(() => {
    if (!enabled) {
      void Taro.stopPullDownRefresh()
      return
    }
    void run(true).finally(() => Taro.stopPullDownRefresh())
  })

  const reload = useCallback(() => run(content.loaded), [run, content.loaded])
  let status: PageStatus = 'ready'
  if (!content.loaded) status = loading || !enabled ? 'loading' : error ? 'error' : 'loading'
  else if (isEmpty?.(content.data as T)) status = 'empty'
  return { status, data: content.data, error, refreshing, reload }
}
