/**
 * Runs the ports' code in the test process as it runs inside a cloud function: the
 * environment a CloudBase function gets (as the emulator gives its functions), pointing
 * the real SDK at a stand-in CloudBase that answers WeChat's open APIs (`wx.api`, which
 * the emulator does not emulate) itself and passes everything else to a real emulator.
 */
import http from 'node:http'
import { AddressInfo } from 'node:net'
import path from 'node:path'
import type { EmulatorOptions } from '../../emulator'
import { openTestEnv, TestEnv } from '../helpers/cloudbase'

const root = path.resolve(__dirname, '../..')

/** A WeChat API call as the SDK sent it. */
export interface WxCall {
  apiName: string
  cgiName: string | undefined
  /** the request data, parsed from the JSON string the SDK sends */
  data: Record<string, any>
}

export interface PortsEnv extends TestEnv {
  /** every WeChat API call received, in order */
  wxCalls: WxCall[]
  /** how the stand-in answers a WeChat call (default `{ errcode: 0, errmsg: 'ok' }`) */
  answerWx(answer: (call: WxCall) => unknown | Promise<unknown>): void
  dbRequests(): number
}

/** One stand-in for a test file; the ports' `database()` and `callWxOpenApi` reach it. */
export function usePortsEnv(emulator: EmulatorOptions = {}): () => PortsEnv {
  let env: PortsEnv | undefined
  let server: http.Server | undefined
  beforeAll(async () => {
    const base = await openTestEnv({ collectionsFile: path.join(root, 'database/collections.json'), ...emulator })
    const wxCalls: WxCall[] = []
    let answer: (call: WxCall) => unknown = () => ({ errcode: 0, errmsg: 'ok' })
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', async () => {
        const body = Buffer.concat(chunks)
        const parsed = JSON.parse(body.toString('utf8') || '{}')
        if (parsed.action === 'wx.api') {
          const call: WxCall = { apiName: parsed.apiName, cgiName: parsed.cgiName, data: parsed.requestData ? JSON.parse(parsed.requestData) : {} }
          wxCalls.push(call)
          const reply = await answer(call)
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end(JSON.stringify({ requestId: 'wx', data: { responseData: JSON.stringify(reply) } }))
          return
        }
        const upstream = await fetch(`${base.emulator!.url}${req.url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        res.writeHead(upstream.status, { 'content-type': 'application/json' })
        res.end(Buffer.from(await upstream.arrayBuffer()))
      })
    })
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`
    // What a CloudBase function's runtime sets, and what the emulator gives the functions it runs.
    Object.assign(process.env, {
      TENCENTCLOUD_RUNENV: 'SCF', TENCENTCLOUD_REGION: 'ap-shanghai', TENCENTCLOUD_SECRETID: 'test', TENCENTCLOUD_SECRETKEY: 'test',
      TENCENTCLOUD_SESSIONTOKEN: '', SCF_NAMESPACE: base.emulator!.getInfo().env, TCB_ENV: base.emulator!.getInfo().env,
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: url }), SILENCE: 'true'
    })
    env = {
      ...base,
      wxCalls,
      answerWx(fn) {
        answer = fn
      },
      dbRequests: () => base.emulator!.stats.databaseRequests
    }
  })
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      if (!server) return resolve()
      server.close(() => resolve())
      server.closeAllConnections()
    })
    await env?.close()
  })
  return () => {
    if (!env) throw new Error('the ports environment is not open (beforeAll failed?)')
    return env
  }
}
