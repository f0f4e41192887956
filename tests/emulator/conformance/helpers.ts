/**
 * Shared pieces of the conformance suite. Every test talks to CloudBase only through the
 * real `@cloudbase/node-sdk`, so the same files run against the emulator (default) and
 * against a real environment with CLOUDBASE_TARGET=cloud.
 */
import path from 'node:path'
import { EmulatorOptions } from '../../../emulator'
import { onEmulator, openTestEnv, TestEnv } from '../../helpers/cloudbase'

export { onEmulator }

/** Tests that need something only the emulator has (dev identity header, counters, fixtures). */
export const itEmu: jest.It = onEmulator ? it : it.skip
export const describeEmu: jest.Describe = onEmulator ? describe : describe.skip

export const FIXTURES = path.join(__dirname, 'fixtures')
export const FUNCTIONS_ROOT = path.resolve(__dirname, '../../../build/functions')

/**
 * One test environment (one emulator) shared by every test of a file.
 * @returns a getter, valid inside tests and hooks
 */
export function useTestEnv(options?: EmulatorOptions): () => TestEnv {
  let env: TestEnv | undefined
  beforeAll(async () => {
    env = await openTestEnv(options)
  })
  afterAll(async () => {
    await env?.close()
  })
  return () => {
    if (!env) throw new Error('the test environment is not open (beforeAll failed?)')
    return env
  }
}

/** The error a promise rejects with; fails the test if it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  let value: unknown
  try {
    value = await promise
  } catch (e) {
    return e
  }
  throw new Error(`expected the call to fail, but it succeeded with ${JSON.stringify(value)}`)
}

/** Expects the SDK call to throw an error carrying `code` (the message is shown on mismatch). */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<any> {
  const e = await rejectionOf(promise)
  expect({ code: e?.code, message: e?.message }).toEqual({ code, message: expect.anything() })
  return e
}

/** A short string unique to this process and call, for names that must not collide. */
let uniq = 0
export function unique(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${process.pid.toString(36)}_${++uniq}`
}
