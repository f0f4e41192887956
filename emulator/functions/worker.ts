/**
 * One warm function instance: a child process that loads a built function bundle and runs
 * its `main(event, context)` for each invocation message (the runner sends one at a time). It is started with the
 * environment a CloudBase function gets, so the code inside cannot tell it apart.
 */
import path from 'node:path'

interface InvokeMessage {
  type: 'invoke'
  id: number
  event: unknown
  context: Record<string, unknown>
}

const dir = process.argv[2]
const handlerSpec = process.argv[3] || 'index.main'
const dot = handlerSpec.lastIndexOf('.')
const file = path.join(dir, handlerSpec.slice(0, dot))
const exportName = handlerSpec.slice(dot + 1)

function send(msg: unknown): void {
  process.send?.(msg)
}

function serializeError(e: unknown): { message: string; stack?: string } {
  if (e instanceof Error) return { message: e.message, stack: e.stack }
  return { message: typeof e === 'string' ? e : JSON.stringify(e) }
}

let handler: ((event: unknown, context: unknown) => unknown) | undefined
let loadError: { message: string; stack?: string } | undefined
try {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mod = require(file)
  handler = mod[exportName] ?? mod.default?.[exportName]
  if (typeof handler !== 'function') loadError = { message: `${handlerSpec} is not a function` }
} catch (e) {
  loadError = serializeError(e)
}

process.on('message', async (msg: InvokeMessage) => {
  if (!msg || msg.type !== 'invoke') return
  if (!handler) {
    send({ type: 'result', id: msg.id, ok: false, error: loadError })
    return
  }
  try {
    const value = await handler(msg.event, msg.context)
    // The platform returns what JSON can carry.
    const json = value === undefined ? null : JSON.parse(JSON.stringify(value))
    send({ type: 'result', id: msg.id, ok: true, value: json })
  } catch (e) {
    send({ type: 'result', id: msg.id, ok: false, error: serializeError(e) })
  }
})

// An instance never outlives the emulator that started it, even one killed with SIGKILL.
process.on('disconnect', () => process.exit(0))

send({ type: 'ready' })
