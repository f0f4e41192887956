/**
 * The emulator's HTTP surface:
 *  - POST /admin                 the CloudBase server API that @cloudbase/node-sdk calls
 *  - PUT  /storage/upload/<p>    the signed upload URL storage.getUploadMetadata hands out
 *  - GET  /storage/download/<p>  signed download URLs
 *  - POST /functions/<name>      function calls from the H5 front end (JSON body = data)
 *  - GET  /_emulator/info|stats, POST /_emulator/stats/reset   diagnostics
 *  - POST /_emulator/triggers/<fn>/<trigger>  fires a timer trigger now (answers as /functions)
 *
 * Every request goes through the same steps: the access guard (origin, Host), the target,
 * the route, the handler; whatever is thrown on the way is answered in CloudBase's error
 * format, and nothing a client sends can stop the server.
 */
import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { DatabaseActions } from './database/actions'
import { Store } from './database/store'
import { FunctionRunner } from './functions/runner'
import { TimerRunner } from './functions/triggers'
import { AccessPolicy } from './http/access'
import { discardRest, drainCap } from './http/body'
import { endpoints, RequestContext, Route } from './http/endpoints'
import { answerUnusualRequests, HttpError, sendCosError, sendError, sendJson, statusOf, toEmulatorError } from './http/reply'
import { parseTarget } from './http/target'
import { FileStorage } from './storage/files'

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

/** What the HTTP surface serves: the services behind it, its limits, counters and access policy. */
export interface ServerDeps {
  env: string
  store: Store
  db: DatabaseActions
  storage: FileStorage
  functions: FunctionRunner
  timers: TimerRunner
  limits: ServerLimits
  stats: RequestStats
  access: AccessPolicy
  /** what GET /_emulator/info shows */
  info: () => Record<string, unknown>
  /** sees unexpected errors (the client only gets SYS_ERR) */
  report: (e: unknown) => void
}

/** The route for a path and method; 404 or 405 when there is none. */
function findRoute(routes: readonly Route[], urlPath: string, method: string): { route: Route; param: string } {
  const onPath = routes.filter((r) => (r.prefix ? urlPath.startsWith(r.path) : urlPath === r.path))
  if (onPath.length === 0) throw new HttpError(404, 'INVALID_ACTION', 'no such endpoint')
  const route = onPath.find((r) => r.methods.includes(method))
  if (!route) throw new HttpError(405, 'INVALID_ACTION', `${method} is not allowed here (${onPath.flatMap((r) => r.methods).join(', ')})`)
  return { route, param: route.prefix ? urlPath.slice(route.path.length) : '' }
}

/** The emulator's HTTP server (not yet listening). */
export function createServer(d: ServerDeps): http.Server {
  const routes = endpoints(d)

  /** OPTIONS: a CORS preflight (foreign origins were refused by the guard). */
  function preflight({ req, res, cors }: RequestContext): void {
    const headers = req.headers.origin === undefined ? {} : { ...cors, ...d.access.preflightHeaders }
    res.writeHead(204, headers)
    res.end()
  }

  /**
   * Answers an error in the route's style. The rest of the body is read first, so a client
   * still sending gets the reply rather than a reset connection.
   */
  async function answerError(ctx: RequestContext, route: Route | undefined, e: unknown): Promise<void> {
    const { req, res } = ctx
    if (res.headersSent) {
      res.destroy()
      return
    }
    const err = toEmulatorError(e, d.report)
    await discardRest(req, drainCap(d.limits[route?.bodyLimit ?? 'maxRequestBytes']))
    if (res.headersSent || res.destroyed) return
    const headers = req.complete ? ctx.cors : { ...ctx.cors, connection: 'close' }
    const style = route?.errors ?? 'status'
    if (style === 'cos-xml' && !(err instanceof HttpError)) sendCosError(res, statusOf(err, style), err, ctx.requestId, headers)
    else sendError(res, statusOf(err, style), err, ctx.requestId, headers)
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const ctx: RequestContext = { req, res, requestId: randomUUID(), param: '', query: new URLSearchParams(), cors: d.access.corsHeaders(req) }
    let route: Route | undefined
    try {
      d.access.check(req)
      const target = parseTarget(req.url)
      ctx.query = target.query
      if (req.method === 'OPTIONS') return preflight(ctx)
      const found = findRoute(routes, target.path, req.method ?? '')
      route = found.route
      ctx.param = found.param
      await route.handle(ctx)
    } catch (e) {
      await answerError(ctx, route, e)
    }
  }

  /** The last guard: a failure while answering an error ends this request, never the process. */
  function lastResort(res: http.ServerResponse, e: unknown): void {
    try {
      d.report(e)
      if (res.headersSent) res.destroy()
      else sendJson(res, 500, { code: 'SYS_ERR', message: 'internal error', requestId: randomUUID() })
    } catch {
      res.destroy()
    }
  }

  // Host is checked by the access guard, which answers in CloudBase's format.
  const server = http.createServer({ requireHostHeader: false }, (req, res) => {
    // A client that goes away mid-request must not surface as an unhandled 'error' event.
    req.on('error', () => undefined)
    res.on('error', () => undefined)
    serve(req, res).catch((e) => lastResort(res, e))
  })
  answerUnusualRequests(server)
  return server
}
