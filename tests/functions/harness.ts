/**
 * Calls the real cloud functions (the built bundles) through the emulator, as a given
 * WeChat user, and reads the emulator's request counter.
 */
import path from 'node:path'
import type { Envelope } from '../../types/errors'
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../types/contract'
import type { EmulatorOptions } from '../../emulator'
import { buildFunctions } from '../../scripts/build-functions'
import { clientFor, sdkTransport } from '../../scripts/client'
import { App, openTestEnv, TestEnv } from '../helpers/cloudbase'
import { loadFixture } from './fixture'

const root = path.resolve(__dirname, '../..')

export interface Harness extends TestEnv {
  /** calls fn.action as `openid` (null: no WeChat identity) and returns the envelope */
  call<F extends FunctionName, A extends ActionName<F>>(openid: string | null, fn: F, action: A, data?: ActionInput<F, A> | Record<string, unknown>): Promise<Envelope<ActionOutput<F, A>>>
  /** like call, but fails the test unless the call succeeded */
  ok<F extends FunctionName, A extends ActionName<F>>(openid: string | null, fn: F, action: A, data?: ActionInput<F, A> | Record<string, unknown>): Promise<ActionOutput<F, A>>
  /** database requests the emulator served since the last reset */
  dbRequests(): number
  resetCounters(): void
  /** every document of every collection, straight from the emulator's store */
  snapshot(): string
}

/** `emulator`: options that replace the project's (e.g. lower `limits`, another `cloudbaseRc`). */
export async function openHarness(emulator: EmulatorOptions = {}): Promise<Harness> {
  const env = await openTestEnv({
    collectionsFile: path.join(root, 'database/collections.json'),
    cloudbaseRc: path.join(root, 'cloudbaserc.json'),
    functionsRoot: path.join(root, 'build/functions'),
    ...emulator
  })
  const apps = new Map<string, App>()
  const appFor = (openid: string | null): App => {
    if (!openid) return env.app
    let a = apps.get(openid)
    if (!a) {
      a = env.appAs(openid)
      apps.set(openid, a)
    }
    return a
  }
  const call: Harness['call'] = async (openid, fn, action, data) =>
    await sdkTransport(appFor(openid))(fn, { action, data: data ?? {} }) as any
  return {
    ...env,
    call,
    ok: (openid, fn, action, data) => (clientFor(appFor(openid)) as any)(fn, action, data),
    dbRequests: () => env.emulator!.stats.databaseRequests,
    resetCounters() {
      env.emulator!.stats.databaseRequests = 0
    },
    snapshot() {
      const store = env.emulator!.store
      return JSON.stringify(store.listCollections().map((c) => [c, [...store.allDocs(c)]]))
    }
  }
}

/**
 * One harness for a test file: functions built and an emulator started before the tests,
 * the fixture reloaded before each one (unless `fixturePerTest` is false), closed after.
 */
export function useHarness(options: { fixturePerTest?: boolean; emulator?: EmulatorOptions } = {}): Harness {
  let h: Harness | undefined
  beforeAll(async () => {
    buildFunctions()
    h = await openHarness(options.emulator)
    if (options.fixturePerTest === false) await loadFixture(h.app)
  })
  afterAll(() => h?.close())
  if (options.fixturePerTest !== false) beforeEach(() => loadFixture(h!.app))
  // The harness exists only once beforeAll ran; tests reach it through this stand-in.
  return new Proxy({} as Harness, { get: (_t, key) => (h as any)[key] })
}
