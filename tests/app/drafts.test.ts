/**
 * Drafts: typing is saved after a pause (the last text wins), restored per scope, kept
 * when the editor is left before the pause ends (flush), and gone once the save is queued.
 */
import fc from 'fast-check'
import { autosave, clearDraft, loadDraft } from '../../src/services/drafts'
import { clearStorageSync } from './mocks/taro'

beforeEach(() => {
  clearStorageSync()
  jest.useFakeTimers()
})
afterEach(() => jest.useRealTimers())

describe('drafts', () => {
  it('keeps the last text typed in each scope, after the pause or on leaving', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('journal:new', 'journal:n1'), fc.string({ maxLength: 40 }), fc.nat(900)), { minLength: 1, maxLength: 20 }), fc.boolean(), (keys, leave) => {
      clearStorageSync()
      const saves = new Map<string, ReturnType<typeof autosave<{ body: string }>>>()
      const last = new Map<string, string>()
      for (const [scope, body, pause] of keys) {
        if (!saves.has(scope)) saves.set(scope, autosave(scope, 500))
        saves.get(scope)!.update({ body })
        last.set(scope, body)
        jest.advanceTimersByTime(pause)
      }
      if (leave) saves.forEach((s) => s.flush())
      else jest.advanceTimersByTime(500)
      for (const [scope, body] of last) expect(loadDraft<{ body: string }>(scope)).toEqual({ body })
    }))
  })

  it('forgets the draft once the save is queued, and a pending autosave does not bring it back', () => {
    const save = autosave<{ body: string }>('journal:new', 500)
    save.update({ body: '写到一半' })
    save.cancel()
    clearDraft('journal:new')
    jest.advanceTimersByTime(1000)
    expect(loadDraft('journal:new')).toBeNull()
  })
})
