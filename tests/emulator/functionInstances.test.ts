/**
 * Function instances, as on CloudBase: concurrent invocations never share an instance, so a
 * call that times out, throws, exits or crashes its instance fails alone, and every other
 * call gets its own result with its own identity. Uses the `probe` fixture function
 * (tests/emulator/fixtures/functions/probe), whose time limit is 1 s.
 */
import fc from 'fast-check'
import fs from 'node:fs'
import path from 'node:path'
import { openTestEnv, tempDir, TestEnv } from '../helpers/cloudbase'

const FIXTURES = path.join(__dirname, 'fixtures')
/** small, so that generated bursts also wait in line for a free instance */
const MAX_INSTANCES = 3

type Outcome = 'return' | 'throw' | 'exit' | 'crash' | 'hang'

/** What CloudBase answers a call that ends each way. */
const FAILURE_CODE: Record<Exclude<Outcome, 'return'>, string> = {
  throw: 'FUNCTIONS_EXECUTE_FAIL',
  exit: 'FUNCTIONS_EXECUTE_FAIL',
  crash: 'FUNCTIONS_EXECUTE_FAIL',
  hang: 'FUNCTIONS_TIME_LIMIT_EXCEEDED'
}

interface ProbeResult {
  tag: string
  openid: string | null
  pid: number
  startedAt: number
  endedAt: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const generatedCall = fc.record({
  outcome: fc.oneof(
    { arbitrary: fc.constant<Outcome>('return'), weight: 4 },
    fc.constant<Outcome>('throw'),
    fc.constant<Outcome>('exit'),
    fc.constant<Outcome>('crash'),
    fc.constant<Outcome>('hang')
  ),
  sleepMs: fc.integer({ min: 0, max: 150 }),
  /** when the call starts, after the burst begins */
  delayMs: fc.integer({ min: 0, max: 80 })
})

describe('function instances', () => {
  let env: TestEnv
  let functionsRoot: string
  beforeAll(async () => {
    // A copy of the fixture, so that a test can "rebuild" it.
    functionsRoot = tempDir('cb-fn-')
    fs.cpSync(path.join(FIXTURES, 'functions'), functionsRoot, { recursive: true })
    env = await openTestEnv({
      cloudbaseRc: path.join(FIXTURES, 'cloudbaserc.probe.json'),
      functionsRoot,
      maxInstancesPerFunction: MAX_INSTANCES
    })
  })
  afterAll(async () => {
    await env?.close()
    fs.rmSync(functionsRoot, { recursive: true, force: true })
  })

  async function probe(openid: string, data: Record<string, unknown>): Promise<{ result?: ProbeResult; code?: string }> {
    try {
      const res = await env.appAs(openid).callFunction({ name: 'probe', data })
      return { result: res.result as ProbeResult }
    } catch (e) {
      return { code: (e as { code?: string }).code }
    }
  }

  it('a call that times out, throws, exits or crashes its instance fails alone; every other call gets its own result', async () => {
    let run = 0
    await fc.assert(fc.asyncProperty(fc.array(generatedCall, { minLength: 2, maxLength: 7 }), async (calls) => {
      run++
      const tags = calls.map((_c, i) => `r${run}c${i}`)
      const outcomes = await Promise.all(calls.map(async (c, i) => {
        await sleep(c.delayMs)
        return probe(`o-${tags[i]}`, { tag: tags[i], outcome: c.outcome, sleepMs: c.sleepMs })
      }))

      expect(outcomes.map((o) => (o.result ? { tag: o.result.tag, openid: o.result.openid } : { code: o.code }))).toEqual(
        calls.map((c, i) => (c.outcome === 'return' ? { tag: tags[i], openid: `o-${tags[i]}` } : { code: FAILURE_CODE[c.outcome] })))

      // One call per instance at a time, and never more instances busy than the cap.
      const ran = outcomes.flatMap((o) => (o.result ? [o.result] : [])).sort((a, b) => a.startedAt - b.startedAt)
      const lastEndByPid = new Map<number, number>()
      for (const r of ran) {
        expect(r.startedAt).toBeGreaterThanOrEqual(lastEndByPid.get(r.pid) ?? 0)
        lastEndByPid.set(r.pid, r.endedAt)
        expect(ran.filter((o) => o.startedAt <= r.startedAt && o.endedAt > r.startedAt).length).toBeLessThanOrEqual(MAX_INSTANCES)
      }
    }), { numRuns: 8 })

    // and the function still answers afterwards
    expect((await probe('o-after', { tag: 'after' })).result).toMatchObject({ tag: 'after', openid: 'o-after' })
  })

  it('gives a mini program caller\'s identity in the event too (userInfo), as CloudBase adds it; a server call has none', async () => {
    expect((await probe('o-client', { tag: 'client' })).result).toMatchObject({ openid: 'o-client', userInfo: { openId: 'o-client', appId: expect.any(String) } })
    const server = await env.app.callFunction({ name: 'probe', data: { tag: 'server' } })
    expect(server.result).toMatchObject({ openid: null, userInfo: null })
  })

  it('a rebuilt bundle gets new instances, while a call already running finishes on its old one', async () => {
    const before = (await probe('o-before', { tag: 'before' })).result!
    const running = probe('o-running', { tag: 'running', sleepMs: 700 })
    await sleep(250)
    const entry = path.join(functionsRoot, 'probe', 'index.js')
    const later = new Date(fs.statSync(entry).mtimeMs + 5000)
    fs.utimesSync(entry, later, later)

    const after = (await probe('o-rebuilt', { tag: 'rebuilt' })).result!
    expect(after).toMatchObject({ tag: 'rebuilt', openid: 'o-rebuilt' })
    expect(after.pid).not.toBe(before.pid)
    expect((await running).result).toMatchObject({ tag: 'running', openid: 'o-running', pid: before.pid })
    // the old instance is retired once its call ends
    expect((await probe('o-next', { tag: 'next' })).result!.pid).not.toBe(before.pid)
  })
})
