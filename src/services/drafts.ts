/**
 * Drafts: what is being typed, kept on the device as one types (debounced), so a closed
 * app, a dropped network or a crash never loses it. One draft per scope (e.g.
 * `journal:new`, `journal:<noteId>`); restored when the editor reopens, cleared once
 * the save is queued.
 */
import Taro from '@tarojs/taro'

const PREFIX = 'draft:'

/** The draft kept for `scope`, or null. */
export function loadDraft<T>(scope: string): T | null {
  try {
    const raw = Taro.getStorageSync(PREFIX + scope)
    return raw ? (JSON.parse(String(raw)) as T) : null
  } catch {
    return null
  }
}

/** Writes the draft now (a full storage is ignored: the text stays on screen). */
export function saveDraft<T>(scope: string, value: T): void {
  try {
    Taro.setStorageSync(PREFIX + scope, JSON.stringify(value))
  } catch {
    // storage full or unavailable: nothing more to do while typing
  }
}

export function clearDraft(scope: string): void {
  try {
    Taro.removeStorageSync(PREFIX + scope)
  } catch {
    // unavailable storage holds no draft
  }
}

/** Debounced saving of one scope's draft: `update` as one types, `flush` on leaving, `cancel` once saved. */
export interface Autosave<T> {
  update: (value: T) => void
  flush: () => void
  cancel: () => void
}

export function autosave<T>(scope: string, delayMs = 500): Autosave<T> {
  let timer: ReturnType<typeof setTimeout> | null = null
  let pending: { value: T } | null = null
  const flush = (): void => {
    if (timer) clearTimeout(timer)
    timer = null
    if (pending) saveDraft(scope, pending.value)
    pending = null
  }
  return {
    update: (value) => {
      pending = { value }
      if (timer) clearTimeout(timer)
      timer = setTimeout(flush, delayMs)
    },
    flush,
    cancel: () => {
      if (timer) clearTimeout(timer)
      timer = null
      pending = null
    }
  }
}
