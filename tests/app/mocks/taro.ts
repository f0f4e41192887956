/**
 * A small stand-in for `@tarojs/taro` in jsdom (jest maps the package here): the page
 * events the hooks listen to, which a test fires with `firePageEvent`, spies on the calls
 * the app makes (`stopPullDownRefresh`, `cloud`), the rectangles a selector query answers
 * (`setQueryRect`), and the few calls NutUI makes while it renders. NutUI reads these as
 * named exports, the app's code as the default export.
 */
import { useLayoutEffect, useRef } from 'react'

/** Page events a test can fire. */
export type PageEvent = 'pullDownRefresh' | 'reachBottom' | 'pageScroll' | 'didShow'

const listeners: Record<PageEvent, Set<() => void>> = { pullDownRefresh: new Set(), reachBottom: new Set(), pageScroll: new Set(), didShow: new Set() }

function pageEventHook(event: PageEvent) {
  return function usePageEvent(fn: () => void): void {
    // As Taro's own hooks: registered once per component, always calling the latest callback.
    const latest = useRef(fn)
    latest.current = fn
    useLayoutEffect(() => {
      const listener = () => latest.current()
      listeners[event].add(listener)
      return () => {
        listeners[event].delete(listener)
      }
    }, [])
  }
}

/** Fires a page event at every mounted component listening for it, as WeChat would. */
export function firePageEvent(event: PageEvent): void {
  for (const listener of [...listeners[event]]) listener()
}

const noop = (): void => undefined
const windowInfo = { windowWidth: 375, windowHeight: 812, screenWidth: 375, screenHeight: 812, pixelRatio: 2, statusBarHeight: 20, safeArea: { top: 20, bottom: 812, left: 0, right: 375, width: 375, height: 792 } }

export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB', RN: 'RN', SWAN: 'SWAN', ALIPAY: 'ALIPAY', TT: 'TT', QQ: 'QQ', JD: 'JD', HARMONY: 'HARMONY' }
export const getEnv = (): string => ENV_TYPE.WEB
export const usePullDownRefresh = pageEventHook('pullDownRefresh')
export const useReachBottom = pageEventHook('reachBottom')
export const usePageScroll = pageEventHook('pageScroll')
export const useUnload = noop
export const stopPullDownRefresh = jest.fn()
export const nextTick = (fn: () => void): void => void Promise.resolve().then(fn)
export const pxTransform = (size: number): string => `${size}px`
export const getSystemInfoSync = () => windowInfo
export const getWindowInfo = () => windowInfo
export const eventCenter = { on: noop, off: noop, once: noop, trigger: noop }
const queryRects = new Map<string, unknown>()

/** What a selector query answers for `selector` from now on (null: no such element). */
export function setQueryRect(selector: string, rect: unknown): void {
  queryRects.set(selector, rect)
}

export const createSelectorQuery = () => {
  // One answer per select(), in order, as WeChat's exec gives them.
  const selected: string[] = []
  const query = {
    select: (selector: string) => { selected.push(selector); return query },
    selectAll: () => query,
    selectViewport: () => query,
    in: () => query,
    boundingClientRect: () => query,
    fields: () => query,
    scrollOffset: () => query,
    exec: (cb?: (res: unknown[]) => void) => cb?.(selected.map((s) => queryRects.get(s) ?? null))
  }
  return query
}
export const cloud = { init: jest.fn(), callFunction: jest.fn(), uploadFile: jest.fn() }

// ---- pages: the route's parameters, showing again, navigation and dialogs ----------

let routerParams: Record<string, string> = {}
/** The query the page under test was opened with (`useRouter().params`). */
export function setRouterParams(params: Record<string, string>): void {
  routerParams = params
}
export const useRouter = () => ({ params: routerParams, path: '' })
export const getCurrentInstance = () => ({ router: { params: routerParams, path: '' }, page: {} })
export const setNavigationBarTitle = jest.fn(() => Promise.resolve())
export const previewImage = jest.fn(() => Promise.resolve())
export const getNetworkType = jest.fn(() => Promise.resolve({ networkType: 'wifi' }))
export const onNetworkStatusChange = jest.fn()
export const requestSubscribeMessage = jest.fn(() => Promise.resolve({}))
export const useDidShow = pageEventHook('didShow')
/** The page's share card: a test reads what the last render would share. */
export const useShareAppMessage = jest.fn()
export const navigateTo = jest.fn(() => Promise.resolve())
export const redirectTo = jest.fn(() => Promise.resolve())
export const switchTab = jest.fn(() => Promise.resolve())
export const navigateBack = jest.fn(() => Promise.resolve())
export const getCurrentPages = jest.fn(() => [{}, {}])
export const showToast = jest.fn(() => Promise.resolve())
/** Answers as the person would: a test sets `showModal.mockResolvedValueOnce({ confirm })`. */
export const showModal = jest.fn(() => Promise.resolve({ confirm: true, cancel: false }))
export const pageScrollTo = jest.fn(() => Promise.resolve())
export const enableAlertBeforeUnload = jest.fn(() => Promise.resolve())
export const disableAlertBeforeUnload = jest.fn(() => Promise.resolve())
export const downloadFile = jest.fn()
export const openDocument = jest.fn()
export const chooseMessageFile = jest.fn()
/** The badge tab's label follows the role (services/navigation.ts): the home page sets it. */
export const setTabBarItem = jest.fn(() => Promise.resolve())

// ---- local storage, in memory (a test clears it with clearStorageSync) ---------------

const storage = new Map<string, unknown>()
export const setStorageSync = jest.fn((key: string, value: unknown) => void storage.set(key, value))
export const getStorageSync = jest.fn((key: string) => (storage.has(key) ? storage.get(key) : ''))
export const removeStorageSync = jest.fn((key: string) => void storage.delete(key))
export const clearStorageSync = (): void => storage.clear()
/** Sizes in KB, as WeChat reports them (values held as strings: their length stands for bytes). */
export const getStorageInfoSync = jest.fn(() => ({ keys: [...storage.keys()], currentSize: Math.ceil([...storage.values()].reduce((n: number, v) => n + String(v).length, 0) / 1024), limitSize: 10240 }))

const Taro = {
  ENV_TYPE, getEnv, usePullDownRefresh, useReachBottom, usePageScroll, useUnload,
  stopPullDownRefresh, nextTick, pxTransform, getSystemInfoSync, getWindowInfo, getCurrentInstance, eventCenter, createSelectorQuery, cloud,
  useRouter, useDidShow, useShareAppMessage, navigateTo, redirectTo, switchTab, setTabBarItem, navigateBack, getCurrentPages, showToast, showModal, pageScrollTo,
  enableAlertBeforeUnload, disableAlertBeforeUnload, downloadFile, openDocument, chooseMessageFile,
  setStorageSync, getStorageSync, removeStorageSync, clearStorageSync, getStorageInfoSync,
  setNavigationBarTitle, previewImage, getNetworkType, onNetworkStatusChange, requestSubscribeMessage
}
export default Taro
