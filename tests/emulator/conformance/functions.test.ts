/**
 * Cloud functions through `app.callFunction`, with the `ping` function
 * (cloudfunctions/ping): caller identity from the invocation context, database access
 * and function-to-function calls from inside, missing functions, the H5 HTTP endpoint
 * and timeouts. Build the functions first: `npx tsx scripts/build-functions.ts`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describeEmu, expectCode, FIXTURES, FUNCTIONS_ROOT, itEmu, onEmulator, useTestEnv } from './helpers'

interface PingResult {
  openid: string | null
  appid: string | null
  source: string | null
  env: string | null
  count?: number
  relayed?: PingResult
}

beforeAll(() => {
  if (onEmulator && !fs.existsSync(path.join(FUNCTIONS_ROOT, 'ping', 'index.js'))) {
    throw new Error(`${FUNCTIONS_ROOT}/ping is not built: run npx tsx scripts/build-functions.ts`)
  }
})

const getEnv = useTestEnv()

async function ping(app = getEnv().app, data: Record<string, unknown> = {}): Promise<PingResult> {
  const res = await app.callFunction({ name: 'ping', data })
  expect(typeof res.requestId).toBe('string')
  return res.result as PingResult
}

describe('identity', () => {
  it('a server call carries no user: openid null, source scf', async () => {
    const r = await ping()
    expect(r).toMatchObject({ openid: null, appid: null, source: 'scf' })
    if (onEmulator) expect(r.env).toBe('local')
  })

  itEmu('a call with a development identity reaches the function as that openid', async () => {
    const r = await ping(getEnv().appAs('oUser'))
    expect(r).toMatchObject({ openid: 'oUser', source: 'wx_client' })
    expect(typeof r.appid).toBe('string')
  })

  itEmu('20 overlapping calls with 20 identities each see only their own', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `oConcurrent${i}`)
    const results = await Promise.all(ids.map((openid, i) =>
      // staggered sleeps so that the invocations really overlap
      ping(getEnv().appAs(openid), { sleepMs: 20 + ((i * 37) % 200) })))
    expect(results.map((r) => r.openid)).toEqual(ids)
    // and a call without identity right after still has none
    expect((await ping()).openid).toBeNull()
  })
})

describe('inside a function', () => {
  it('a function can call a function (relay)', async () => {
    const r = await ping(getEnv().app, { relay: 1 })
    expect(r.source).toBe('scf')
    expect(r.relayed).toMatchObject({ openid: null, source: 'scf' })
    expect(r.relayed!.relayed).toBeUndefined()
  })

  it('a function reaches the database of its environment', async () => {
    const c = await getEnv().collection('fn')
    await getEnv().app.database().collection(c).add([{ i: 1 }, { i: 2 }, { i: 3 }])
    expect((await ping(getEnv().app, { collection: c })).count).toBe(3)
  })
})

describe('errors', () => {
  it('a function that does not exist fails with FUNCTIONS_NOT_FOUND', async () => {
    await expectCode(getEnv().app.callFunction({ name: 'no_such_function', data: {} }), 'FUNCTIONS_NOT_FOUND')
  })

  itEmu('a function name that tries to leave the functions folder is not found', async () => {
    await expectCode(getEnv().app.callFunction({ name: '../ping', data: {} }), 'FUNCTIONS_NOT_FOUND')
  })
})

describeEmu('the HTTP endpoint for the H5 front end', () => {
  it('POST /functions/ping with x-emulator-openid returns { requestId, result } for that user', async () => {
    const res = await fetch(`${getEnv().emulator!.url}/functions/ping`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-emulator-openid': 'oHttp' },
      body: JSON.stringify({})
    })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toEqual({ requestId: expect.any(String), result: expect.objectContaining({ openid: 'oHttp', source: 'wx_client' }) })
  })

  it('passes the JSON body as the event', async () => {
    const c = await getEnv().collection('fnhttp')
    await getEnv().app.database().collection(c).add([{ i: 1 }, { i: 2 }])
    const res = await fetch(`${getEnv().emulator!.url}/functions/ping`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-emulator-openid': 'oHttp2' },
      body: JSON.stringify({ collection: c })
    })
    expect((await res.json()).result).toMatchObject({ openid: 'oHttp2', count: 2 })
  })

  it('an unknown function answers with FUNCTIONS_NOT_FOUND', async () => {
    const res = await fetch(`${getEnv().emulator!.url}/functions/nope`, { method: 'POST', body: '{}' })
    expect((await res.json()).code).toBe('FUNCTIONS_NOT_FOUND')
  })
})

describeEmu('timeouts', () => {
  const getShort = useTestEnv({
    cloudbaseRc: path.join(FIXTURES, 'cloudbaserc.timeout.json'),
    functionsRoot: FUNCTIONS_ROOT
  })

  it('a call running past the configured timeout fails with FUNCTIONS_TIME_LIMIT_EXCEEDED', async () => {
    // warm the instance first, so that the timing below is not a cold start
    expect((await getShort().app.callFunction({ name: 'ping', data: { sleepMs: 100 } })).result).toMatchObject({ source: 'scf' })
    const started = Date.now()
    await expectCode(getShort().app.callFunction({ name: 'ping', data: { sleepMs: 3000 } }), 'FUNCTIONS_TIME_LIMIT_EXCEEDED')
    // the limit is 1 s; the call must not have waited for the 3 s sleep
    expect(Date.now() - started).toBeLessThan(2900)
  })

  it('the next normal call still works', async () => {
    const res = await getShort().app.callFunction({ name: 'ping', data: {} })
    expect(res.result).toMatchObject({ openid: null, source: 'scf' })
  })
})
