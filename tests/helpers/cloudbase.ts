/**
 * Test access to a CloudBase environment through the real `@cloudbase/node-sdk`.
 *
 * CLOUDBASE_TARGET=emulator (default) starts a local emulator on a fresh data folder.
 * CLOUDBASE_TARGET=cloud runs the same tests against a real environment named by
 * CLOUDBASE_ENV with TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY.
 */
import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Emulator, EmulatorOptions, start } from '../../emulator'
import { App, cloudApp, localApp } from '../../scripts/client'

// Outside a cloud function the SDK would probe Tencent's metadata host on every call.
process.env.TENCENTCLOUD = 'true'
process.env.SILENCE = 'true'
// The SDK's keep-alive agent adds a listener per queued request on a shared socket; tests
// that keep dozens of requests in flight would otherwise print leak warnings.
EventEmitter.defaultMaxListeners = 200

export const target = process.env.CLOUDBASE_TARGET === 'cloud' ? 'cloud' : 'emulator'
export const onEmulator = target === 'emulator'

export type { App }

export interface TestEnv {
  app: App
  /** an SDK app whose calls carry a development identity (emulator only) */
  appAs(openId: string): App
  emulator?: Emulator
  dataDir?: string
  /** a collection name unique to this run, created on first use */
  collection(base: string): Promise<string>
  close(): Promise<void>
}

let counter = 0

export function tempDir(prefix = 'cb-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export async function openTestEnv(options: EmulatorOptions = {}): Promise<TestEnv> {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`
  const created: string[] = []
  let emulator: Emulator | undefined
  let dataDir: string | undefined
  if (target === 'emulator') {
    dataDir = options.dataDir ?? tempDir()
    // Timers fire only when a test fires them: a schedule would change data under a test's feet.
    emulator = await start({ port: 0, functionLog: () => undefined, timerTriggers: 'manual', ...options, dataDir })
  }
  const app = emulator ? localApp(emulator.adminUrl) : cloudApp()
  return {
    app,
    appAs: (openId: string) => {
      if (!emulator) throw new Error('a development identity exists only on the emulator')
      return localApp(emulator.adminUrl, openId)
    },
    emulator,
    dataDir,
    async collection(base: string): Promise<string> {
      const name = `${base}_${runId}_${++counter}`
      await app.database().createCollection(name)
      created.push(name)
      return name
    },
    async close(): Promise<void> {
      if (emulator) await emulator.stop()
      if (dataDir && !options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
