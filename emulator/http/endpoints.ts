/**
 * The emulator's endpoints, as a routing table. Each handler reads its input, calls the
 * service behind it and sends the success reply; errors are thrown and answered by the
 * server in the route's error style.
 */
import http from 'node:http'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { randomUUID } from 'node:crypto'
import { EmulatorError, invalidParam } from '../errors'
import type { CallerIdentity } from '../functions/runner'
import { DEV_APPID_HEADER, DEV_OPENID_HEADER } from '../protocol'
import type { ServerDeps, ServerLimits } from '../server'
import { isJson, parseJsonObject, parseJsonText, readBody } from './body'
import { ErrorStyle, Headers, sendJson } from './reply'
import { decodePathPart } from './target'

/** One request on its way through a handler. */
export interface RequestContext {
  req: http.IncomingMessage
  res: http.ServerResponse
  requestId: string
  /** what follows a prefix route's path, still percent-encoded */
  param: string
  query: URLSearchParams
  /** CORS headers every reply to this request carries */
  cors: Headers
}

/** One row of the routing table. */
export interface Route {
  methods: readonly string[]
  /** an exact path, or with `prefix` the start of the path */
  path: string
  prefix?: boolean
  errors: ErrorStyle
  /** which limit bounds this route's body */
  bodyLimit: keyof ServerLimits
  handle(ctx: RequestContext): Promise<void> | void
}

type Reply = Record<string, unknown>

const MIME: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8', '.json': 'application/json', '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.mp3': 'audio/mpeg', '.mp4': 'video/mp4'
}

/** Action names counted in the stats: `area.verb`, so a client cannot fill them with junk keys. */
const COUNTED_ACTION = /^[a-z]+\.[A-Za-z]{1,64}$/

/** The caller a request names with the development identity header, or nobody. */
function callerFrom(req: http.IncomingMessage, fallback: CallerIdentity['source']): CallerIdentity {
  const openId = req.headers[DEV_OPENID_HEADER]
  const appId = req.headers[DEV_APPID_HEADER]
  if (typeof openId === 'string' && openId) {
    return { openId, appId: typeof appId === 'string' ? appId : 'wx-emulator-appid', clientIp: req.socket.remoteAddress, source: 'wx_client' }
  }
  return { source: fallback }
}

/** The routing table. */
export function endpoints(d: ServerDeps): Route[] {
  async function invokeFromAdmin(req: http.IncomingMessage, body: Reply): Promise<Reply> {
    const name = body.function_name
    if (typeof name !== 'string' || !name) throw invalidParam('function_name is required')
    const data = body.request_data
    if (data !== undefined && data !== null && typeof data !== 'string') throw invalidParam('request_data must be a JSON string')
    const event = data ? parseJsonText(data, 'request_data') : {}
    d.stats.functionInvocations++
    const { result } = await d.functions.invoke(name, event, callerFrom(req, 'scf'))
    return { data: { response_data: JSON.stringify(result) } }
  }

  const adminActions = new Map<string, (body: Reply, req: http.IncomingMessage) => Reply | Promise<Reply>>([
    ['storage.getUploadMetadata', (body) => d.storage.getUploadMetadata(body)],
    ['storage.batchGetDownloadUrl', (body) => d.storage.batchGetDownloadUrl(body)],
    ['storage.batchDeleteFile', (body) => d.storage.batchDeleteFile(body)],
    ['functions.invokeFunction', (body, req) => invokeFromAdmin(req, body)]
  ])

  function runAdminAction(action: string, body: Reply, req: http.IncomingMessage): Reply | Promise<Reply> {
    if (action.startsWith('database.')) {
      d.stats.databaseRequests++
      return d.db.run(action, body)
    }
    const run = adminActions.get(action)
    if (!run) throw new EmulatorError('INVALID_ACTION', `unknown action: ${action}`)
    return run(body, req)
  }

  /** POST /admin: the CloudBase server API. */
  async function admin({ req, res, query, requestId, cors }: RequestContext): Promise<void> {
    // A JSON content type cannot be sent cross-site without a CORS preflight.
    if (!isJson(req)) throw invalidParam('the request body must be sent as application/json')
    const body = parseJsonObject(await readBody(req, d.limits.maxRequestBytes))
    const env = query.get('env') || body.envName || ''
    if (env && env !== d.env) throw new EmulatorError('INVALID_ENV', `environment ${String(env)} does not exist (this emulator serves ${d.env})`)
    const action = body.action
    if (typeof action !== 'string' || !action) throw new EmulatorError('INVALID_ACTION', 'action is required')
    if (COUNTED_ACTION.test(action)) d.stats.actions[action] = (d.stats.actions[action] ?? 0) + 1
    const reply = await runAdminAction(action, body, req)
    sendJson(res, 200, { requestId, ...reply }, cors)
  }

  /** POST /functions/<name>: a call from the H5 front end; the body is the call's data. */
  async function clientFunction({ req, res, param, cors }: RequestContext): Promise<void> {
    const name = decodePathPart(param, 'function name')
    const data = parseJsonObject(await readBody(req, d.limits.maxRequestBytes))
    const caller = callerFrom(req, 'wx_client')
    // As in WeChat, the event carries the caller's userInfo next to the data.
    const event = { ...data, userInfo: { appId: caller.appId, openId: caller.openId } }
    d.stats.functionInvocations++
    const { requestId, result } = await d.functions.invoke(name, event, caller)
    sendJson(res, 200, { requestId, result }, cors)
  }

  /** PUT /storage/upload/<path>: the signed URL storage.getUploadMetadata hands out. */
  async function upload({ req, res, param, query, cors }: RequestContext): Promise<void> {
    const cloudPath = decodePathPart(param, 'cloud path')
    d.storage.verify('upload', cloudPath, query.get('expires'), query.get('sign'))
    const max = d.limits.maxUploadBytes
    if (Number(req.headers['content-length']) > max) throw new EmulatorError('EXCEED_REQUEST_SIZE_LIMIT', `file larger than ${max} bytes`)
    // The store reads a stream of ours, so when it stops early the request itself stays
    // readable and the rest of the body can be drained before the error reply.
    const bytes = new PassThrough()
    req.pipe(bytes)
    try {
      await d.storage.writeFile(cloudPath, bytes, max)
    } finally {
      req.unpipe(bytes)
    }
    res.writeHead(200, { 'content-length': '0', etag: `"${randomUUID()}"`, ...cors })
    res.end()
  }

  /** GET|HEAD /storage/download/<path>: signed download URLs (also loaded by `<img>`). */
  async function download({ req, res, param, query, cors }: RequestContext): Promise<void> {
    // The signature tells which reading of the path was signed (the SDK's downloadFile
    // encodes an already encoded URL once more).
    const cloudPath = d.storage.verify('download', decodePathPart(param, 'cloud path'), query.get('expires'), query.get('sign'))
    // Opened once: a concurrent delete is "not found", never an error naming a disk path.
    const file = d.storage.open(cloudPath)
    if (!file) throw new EmulatorError('STORAGE_FILE_NONEXIST', 'file not found')
    res.writeHead(200, {
      'content-type': MIME[path.posix.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream',
      'content-length': String(file.size),
      'x-content-type-options': 'nosniff',
      ...cors
    })
    if (req.method === 'HEAD') {
      file.close()
      res.end()
      return
    }
    await pipeline(file.stream(), res)
  }

  /**
   * POST /_emulator/triggers/<function>/<trigger>: fires a timer trigger now, exactly as
   * its schedule would (the timer event, a context with no user), and answers what the
   * function returned — so tests and scripts need not wait for its time.
   */
  async function fireTrigger({ res, param, cors, requestId }: RequestContext): Promise<void> {
    const parts = param.split('/')
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw invalidParam('expected /_emulator/triggers/<function>/<trigger>')
    const [fn, trigger] = parts.map((p) => decodePathPart(p, 'trigger path'))
    const result = await d.timers.fire(fn, trigger)
    sendJson(res, 200, { requestId, result }, cors)
  }

  function resetStats({ res, cors }: RequestContext): void {
    d.stats.actions = {}
    d.stats.databaseRequests = 0
    d.stats.functionInvocations = 0
    d.store.stats.docsExamined = 0
    sendJson(res, 200, { ok: true }, cors)
  }

  const api = { errors: 'envelope', bodyLimit: 'maxRequestBytes' } as const
  const diagnostics = { methods: ['GET'], errors: 'status', bodyLimit: 'maxRequestBytes' } as const
  return [
    { ...api, path: '/admin', methods: ['POST'], handle: admin },
    { ...api, path: '/functions/', prefix: true, methods: ['POST'], handle: clientFunction },
    { path: '/storage/upload/', prefix: true, methods: ['PUT'], errors: 'cos-xml', bodyLimit: 'maxUploadBytes', handle: upload },
    { path: '/storage/download/', prefix: true, methods: ['GET', 'HEAD'], errors: 'status', bodyLimit: 'maxRequestBytes', handle: download },
    { ...diagnostics, path: '/_emulator/info', handle: ({ res, cors }) => sendJson(res, 200, d.info(), cors) },
    {
      ...diagnostics,
      path: '/_emulator/stats',
      handle: ({ res, cors }) => sendJson(res, 200, { ...d.stats, docsExamined: d.store.stats.docsExamined, lastPlan: d.store.stats.lastPlan }, cors)
    },
    { ...diagnostics, path: '/_emulator/stats/reset', methods: ['POST'], handle: resetStats },
    { ...api, path: '/_emulator/triggers/', prefix: true, methods: ['POST'], handle: fireTrigger }
  ]
}
