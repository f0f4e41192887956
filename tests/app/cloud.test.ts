/**
 * The front end's one way to a cloud function (src/services/cloud.ts). On H5 it posts
 * `{ action, data }` to the local emulator as the development identity and unwraps the
 * action's envelope; every failure — the action's, the emulator's, the network's, HTTP's,
 * or a reply nobody can read — arrives as a CallError with a code. On weapp it goes through
 * wx.cloud. `fetch` and `Taro.cloud` are replaced; nothing leaves the process.
 */
import fc from 'fast-check'
import { call, CallError, invoke } from '../../src/services/cloud'
import { DEV_OPENID_HEADER } from '../../emulator/protocol'
import { ERROR_CODES } from '../../types/errors'
import Taro from './mocks/taro'

/** `call` without the contract's types, for generated function and action names. */
const anyCall = call as unknown as (fn: string, action: string, input?: unknown) => Promise<unknown>

interface Reply {
  status: number
  /** the body as parsed JSON, or `unreadable` for a body that is not JSON */
  body: unknown
}
const unreadable = Symbol('unreadable')

const fetchMock = jest.fn<Promise<Response>, [string, RequestInit]>()

function answer(reply: Reply): void {
  fetchMock.mockResolvedValueOnce({
    ok: reply.status >= 200 && reply.status < 300,
    status: reply.status,
    json: async () => {
      if (reply.body === unreadable) throw new SyntaxError('Unexpected token < in JSON')
      return reply.body
    }
  } as Response)
}

async function failureOf(p: Promise<unknown>): Promise<CallError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(CallError)
    return e as CallError
  }
  throw new Error('the call succeeded')
}

const savedEnv = process.env.TARO_ENV
beforeEach(() => {
  process.env.TARO_ENV = 'h5'
  localStorage.clear()
  fetchMock.mockReset()
  globalThis.fetch = fetchMock as unknown as typeof fetch
})
afterAll(() => {
  process.env.TARO_ENV = savedEnv
})

const fnName = fc.stringMatching(/^[a-z][a-zA-Z0-9_-]{0,12}$/)
const text = fc.string({ minLength: 1, maxLength: 40 })

describe('call on H5', () => {
  it('posts { action, data } to the emulator as the development identity, and resolves with the action\'s data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fnName, fc.string({ minLength: 1, maxLength: 12 })),
        fnName,
        fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })), { nil: undefined }),
        fc.jsonValue({ maxDepth: 2 }),
        fc.option(fc.stringMatching(/^dev-[a-z]{1,10}$/), { nil: undefined }),
        fc.option(fc.tuple(fc.integer({ min: 1024, max: 65535 }), fc.constantFrom('', '/', '//')), { nil: undefined }),
        async (fn, action, input, data, openid, emulator) => {
          localStorage.clear()
          fetchMock.mockReset()
          if (openid) localStorage.setItem('devOpenId', openid)
          if (emulator) localStorage.setItem('emulatorUrl', `http://127.0.0.1:${emulator[0]}${emulator[1]}`)
          answer({ status: 200, body: { requestId: 'r1', result: { ok: true, data } } })

          await expect(anyCall(fn, action, input)).resolves.toEqual(data)

          expect(fetchMock).toHaveBeenCalledTimes(1)
          const [url, init] = fetchMock.mock.calls[0]
          const base = emulator ? `http://127.0.0.1:${emulator[0]}` : 'http://127.0.0.1:9090'
          expect(url).toBe(`${base}/functions/${encodeURIComponent(fn)}`)
          expect(init.method).toBe('POST')
          expect(init.headers).toEqual({ 'content-type': 'application/json', [DEV_OPENID_HEADER]: openid ?? 'dev-admin' })
          expect(JSON.parse(String(init.body))).toEqual(JSON.parse(JSON.stringify({ action, data: input ?? {} })))
        }
      ),
      { numRuns: 60 }
    )
  })

  it('sends a typed call of the contract as its action with empty input', async () => {
    const me = { bound: false, roles: [], person: null, advisorOf: [], contactOf: [] }
    answer({ status: 200, body: { requestId: 'r', result: { ok: true, data: me } } })
    const result = await call('user', 'me')
    expect(result.bound).toBe(false)
    expect(fetchMock.mock.calls[0][0]).toBe('http://127.0.0.1:9090/functions/user')
    expect(JSON.parse(String(fetchMock.mock.calls[0][1].body))).toEqual({ action: 'me', data: {} })
  })

  it('raises the action\'s failure as a CallError with its code, Chinese message and details', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ERROR_CODES), text, fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: undefined }), async (code, message, details) => {
        answer({ status: 200, body: { requestId: 'r', result: { ok: false, error: { code, message, details } } } })
        const error = await failureOf(anyCall('group', 'detail', { groupId: 'g1' }))
        expect(error).toMatchObject({ code, message })
        expect(error.details).toEqual(details)
      }),
      { numRuns: 30 }
    )
  })

  it('raises the emulator\'s own error reply as a CallError with its code, message and request id, whatever the HTTP status', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('FUNCTION_NOT_FOUND', 'ORIGIN_NOT_ALLOWED', 'INVALID_REQUEST', 'FUNCTION_TIMEOUT'), text, fc.constantFrom(200, 400, 403, 404, 500), fc.uuid(), async (code, message, status, requestId) => {
        answer({ status, body: { requestId, code, message } })
        const error = await failureOf(anyCall('user', 'me'))
        expect(error).toMatchObject({ code, message, requestId })
      }),
      { numRuns: 30 }
    )
  })

  it('turns a failed connection into NETWORK_ERROR naming the emulator it tried', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(fc.integer({ min: 1024, max: 65535 }), { nil: undefined }), text, async (port, reason) => {
        localStorage.clear()
        if (port) localStorage.setItem('emulatorUrl', `http://127.0.0.1:${port}`)
        fetchMock.mockRejectedValueOnce(new TypeError(reason))
        const error = await failureOf(anyCall('user', 'me'))
        expect(error.code).toBe('NETWORK_ERROR')
        expect(error.message).toContain('无法连接本地模拟器')
        expect(error.message).toContain(`http://127.0.0.1:${port ?? 9090}`)
      }),
      { numRuns: 20 }
    )
  })

  it('turns an HTTP error without an error reply into HTTP_<status>', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 400, max: 599 }), fc.oneof(fc.constant<unknown>(unreadable), fc.record({ requestId: fc.uuid() })), async (status, body) => {
        answer({ status, body })
        const error = await failureOf(anyCall('user', 'me'))
        expect(error.code).toBe(`HTTP_${status}`)
        expect(error.message).toContain(String(status))
        if (body !== unreadable) expect(error.requestId).toBe((body as { requestId: string }).requestId)
      }),
      { numRuns: 30 }
    )
  })

  it('answers any reply with the data of a successful envelope or a CallError, never anything else', async () => {
    const envelope = fc.oneof(
      fc.jsonValue({ maxDepth: 1 }).map((data) => ({ ok: true, data })),
      fc.record({ ok: fc.constant(false), error: fc.record({ code: fc.constantFrom(...ERROR_CODES), message: text }) })
    )
    const body = fc.oneof(
      fc.constant<unknown>(unreadable),
      fc.jsonValue({ maxDepth: 2 }),
      fc.record({ requestId: fc.uuid(), result: fc.oneof(envelope, fc.jsonValue({ maxDepth: 1 })) }, { requiredKeys: [] })
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(200, 200, 201, 404, 500, 502), body, async (status, reply) => {
        answer({ status, body: reply })
        let outcome: unknown
        try {
          outcome = { data: await anyCall('user', 'me') }
        } catch (e) {
          outcome = e
        }
        const result = (reply as { result?: { ok?: unknown; data?: unknown } } | null)?.result
        if (status < 300 && result?.ok === true && !(typeof (reply as { code?: unknown }).code === 'string' && (reply as { code: string }).code)) {
          expect(outcome).toEqual({ data: result.data })
        } else {
          expect(outcome).toBeInstanceOf(CallError)
        }
      }),
      { numRuns: 200 }
    )
  })
})

describe('call on weapp', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
  })

  it('calls the function through wx.cloud with { action, data } and unwraps its envelope, never touching fetch', async () => {
    jest.mocked(Taro.cloud.callFunction).mockResolvedValueOnce({ result: { ok: true, data: { groups: [] } } } as never)
    await expect(anyCall('group', 'list', { year: 2025 })).resolves.toEqual({ groups: [] })
    expect(Taro.cloud.callFunction).toHaveBeenCalledWith({ name: 'group', data: { action: 'list', data: { year: 2025 } } })
    expect(Taro.cloud.init).toHaveBeenCalledTimes(1)
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('turns a wx.cloud failure into a CallError with WeChat\'s error code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: -605000, max: -1 }), fc.constantFrom('TIMEOUT')), text, async (errCode, errMsg) => {
        jest.mocked(Taro.cloud.callFunction).mockRejectedValueOnce({ errCode, errMsg })
        const error = await failureOf(invoke('user', { action: 'me', data: {} }))
        expect(error).toMatchObject({ code: String(errCode), message: errMsg })
      }),
      { numRuns: 20 }
    )
  })
})
