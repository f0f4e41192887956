/**
 * The emulator's HTTP surface:
 *  - POST /admin                 the CloudBase server API that @cloudbase/node-sdk calls
 *  - PUT  /storage/upload/<p>    the signed upload URL storage.getUploadMetadata hands out
 *  - GET  /storage/download/<p>  signed download URLs
 *  - POST /functions/<name>      function calls from the H5 front end (JSON body = data)
 *  - GET  /_emulator/info|stats, POST /_emulator/stats/reset   diagnostics
 */
import http from 'node:http'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { DatabaseActions } from './database/actions'
import { EmulatorError, invalidParam } from './errors'
import { CallerIdentity, FunctionRunner } from './functions/runner'
import { FileStorage } from './storage/files'
import { Store } from './database/store'

import { DEV_APPID_HEADER, DEV_OPENID_HEADER } from './protocol'

export interface ServerLimits {
  /** bytes of one /admin or /functions request body */
  maxRequestBytes: number
  /** bytes of one uploaded file */
  maxUploadBytes: number
}

export interface RequestStats {
  /** /admin calls by action */
  actions: Record<string, number>
  /** database.* calls in all */
  databaseRequests: number
  functionInvocations: number
}

interface Deps {
  env: string
  store: Store
  db: DatabaseActions
  storage: FileStorage
  functions: FunctionRunner
  limits: ServerLimits
  stats: RequestStats
  info: () => Record<string, unknown>
}

const MIME: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8', '.json': 'application/json', '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.mp3': 'audio/mpeg', '.mp4': 'video/mp4'
}

function send(res: http.ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...extraHeaders })
  res.end(text)
}

/** CloudBase's error reply: HTTP 200 with a top-level code, which the SDK turns into a throw. */
function sendError(res: http.ServerResponse, requestId: string, e: unknown, extraHeaders: Record<string, string> = {}): void {
  const err = e instanceof EmulatorError ? e : new EmulatorError('SYS_ERR', `internal error: ${(e as Error)?.message ?? String(e)}`)
  send(res, 200, { code: err.code, message: err.message, requestId }, extraHeaders)
}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > max) {
      reject(new EmulatorError('EXCEED_REQUEST_SIZE_LIMIT', `request body larger than ${max} bytes`))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    req.on('data', (c: Buffer) => {
      if (failed) return
      size += c.length
      if (size > max) {
        failed = true
        reject(new EmulatorError('EXCEED_REQUEST_SIZE_LIMIT', `request body larger than ${max} bytes`))
        return
      }
      chunks.push(c)
    })
    req.on('end', () => !failed && resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function parseJson(buf: Buffer): any {
  if (buf.length === 0) return {}
  try {
    return JSON.parse(buf.toString('utf8'))
  } catch {
    throw invalidParam('request body is not valid JSON')
  }
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': `content-type, ${DEV_OPENID_HEADER}, ${DEV_APPID_HEADER}`,
  'access-control-allow-methods': 'POST, GET, PUT, OPTIONS'
}

export function createServer(d: Deps): http.Server {
  async function admin(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const requestId = randomUUID()
    let body: any
    try {
      body = parseJson(await readBody(req, d.limits.maxRequestBytes))
    } catch (e) {
      res.setHeader('connection', 'close')
      sendError(res, requestId, e)
      req.resume()
      return
    }
    try {
      const env = url.searchParams.get('env') || body.envName || ''
      if (env && env !== d.env) throw new EmulatorError('INVALID_ENV', `environment ${env} does not exist (this emulator serves ${d.env})`)
      const action = body?.action
      if (typeof action !== 'string') throw new EmulatorError('INVALID_ACTION', 'action is required')
      d.stats.actions[action] = (d.stats.actions[action] ?? 0) + 1
      let reply: Record<string, unknown>
      if (action.startsWith('database.')) {
        d.stats.databaseRequests++
        reply = d.db.run(action, body)
      } else if (action === 'storage.getUploadMetadata') {
        reply = d.storage.getUploadMetadata(body)
      } else if (action === 'storage.batchGetDownloadUrl') {
        reply = d.storage.batchGetDownloadUrl(body)
      } else if (action === 'storage.batchDeleteFile') {
        reply = d.storage.batchDeleteFile(body)
      } else if (action === 'functions.invokeFunction') {
        reply = await invokeFromAdmin(req, body)
      } else {
        throw new EmulatorError('INVALID_ACTION', `unknown action: ${action}`)
      }
      send(res, 200, { requestId, ...reply })
    } catch (e) {
      sendError(res, requestId, e)
    }
  }

  function callerFrom(req: http.IncomingMessage, fallback: CallerIdentity['source']): CallerIdentity {
    const openId = req.headers[DEV_OPENID_HEADER]
    const appId = req.headers[DEV_APPID_HEADER]
    if (typeof openId === 'string' && openId) {
      return { openId, appId: typeof appId === 'string' ? appId : 'wx-emulator-appid', clientIp: req.socket.remoteAddress, source: 'wx_client' }
    }
    return { source: fallback }
  }

  async function invokeFromAdmin(req: http.IncomingMessage, body: any): Promise<Record<string, unknown>> {
    const name = body.function_name
    if (typeof name !== 'string' || !name) throw invalidParam('function_name is required')
    let event: unknown = {}
    if (typeof body.request_data === 'string' && body.request_data) {
      try {
        event = JSON.parse(body.request_data)
      } catch {
        throw invalidParam('request_data is not valid JSON')
      }
    }
    d.stats.functionInvocations++
    const { result } = await d.functions.invoke(name, event, callerFrom(req, 'scf'))
    return { data: { response_data: JSON.stringify(result) } }
  }

  async function clientFunction(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    const requestId = randomUUID()
    try {
      const data = parseJson(await readBody(req, d.limits.maxRequestBytes))
      const caller = callerFrom(req, 'wx_client')
      // As in WeChat, the event carries the caller's userInfo next to the data.
      const event = { ...(data && typeof data === 'object' ? data : {}), userInfo: { appId: caller.appId, openId: caller.openId } }
      d.stats.functionInvocations++
      const { requestId: rid, result } = await d.functions.invoke(decodeURIComponent(name), event, caller)
      send(res, 200, { requestId: rid, result }, CORS)
    } catch (e) {
      sendError(res, requestId, e, CORS)
    }
  }

  async function upload(req: http.IncomingMessage, res: http.ServerResponse, cloudPath: string, url: URL): Promise<void> {
    try {
      d.storage.verify('upload', cloudPath, url.searchParams.get('expires'), url.searchParams.get('sign'))
      await d.storage.writeFile(cloudPath, req, d.limits.maxUploadBytes)
      res.writeHead(200, { 'content-length': 0, etag: `"${randomUUID()}"` })
      res.end()
    } catch (e) {
      const err = e instanceof EmulatorError ? e : new EmulatorError('STORAGE_REQUEST_FAIL', String((e as Error)?.message ?? e))
      // COS answers upload errors in XML; the SDK parses them.
      const xml = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${err.code}</Code><Message>${err.message.replace(/[<&>]/g, '')}</Message><RequestId>emulator</RequestId><TraceId>emulator</TraceId></Error>`
      res.writeHead(403, { 'content-type': 'application/xml', connection: 'close' })
      res.end(xml)
      req.resume()
    }
  }

  function download(req: http.IncomingMessage, res: http.ServerResponse, urlPath: string, url: URL): void {
    let cloudPath: string
    try {
      cloudPath = d.storage.verify('download', urlPath, url.searchParams.get('expires'), url.searchParams.get('sign'))
    } catch (e) {
      send(res, 403, { code: (e as EmulatorError).code, message: (e as Error).message })
      return
    }
    const file = d.storage.open(cloudPath)
    if (!file) {
      send(res, 404, { code: 'STORAGE_FILE_NONEXIST', message: `file not found: ${cloudPath}` })
      return
    }
    res.writeHead(200, {
      'content-type': MIME[path.posix.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream',
      'content-length': file.size,
      'access-control-allow-origin': '*'
    })
    if (req.method === 'HEAD') {
      file.close()
      res.end()
      return
    }
    file.stream().pipe(res)
  }

  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator')
    const p = url.pathname
    const method = req.method ?? 'GET'
    const handle = async (): Promise<void> => {
      if (method === 'OPTIONS') {
        res.writeHead(204, CORS)
        res.end()
      } else if (p === '/admin' && method === 'POST') {
        await admin(req, res, url)
      } else if (p.startsWith('/functions/') && method === 'POST') {
        await clientFunction(req, res, p.slice('/functions/'.length))
      } else if (p.startsWith('/storage/upload/') && method === 'PUT') {
        await upload(req, res, decodeURIComponent(p.slice('/storage/upload/'.length)), url)
      } else if (p.startsWith('/storage/download/') && (method === 'GET' || method === 'HEAD')) {
        download(req, res, decodeURIComponent(p.slice('/storage/download/'.length)), url)
      } else if (p === '/_emulator/info' && method === 'GET') {
        send(res, 200, d.info(), CORS)
      } else if (p === '/_emulator/stats' && method === 'GET') {
        send(res, 200, { ...d.stats, docsExamined: d.store.stats.docsExamined, lastPlan: d.store.stats.lastPlan }, CORS)
      } else if (p === '/_emulator/stats/reset' && method === 'POST') {
        d.stats.actions = {}
        d.stats.databaseRequests = 0
        d.stats.functionInvocations = 0
        d.store.stats.docsExamined = 0
        send(res, 200, { ok: true }, CORS)
      } else {
        send(res, 404, { code: 'INVALID_ACTION', message: `no such endpoint: ${method} ${p}` })
      }
    }
    handle().catch((e) => {
      if (!res.headersSent) sendError(res, randomUUID(), e)
      else res.destroy()
    })
  })
}
