/**
 * `ping`: proves the whole chain. It reports who called (read from the invocation
 * context, the only trusted source), can count a collection through the database, and can
 * relay to itself through functions.invokeFunction.
 */
import tcb from '@cloudbase/node-sdk'

interface PingEvent {
  /** a collection to count, proving database access */
  collection?: string
  /** call ping again from inside the function this many more times */
  relay?: number
  /** hold the invocation for this many milliseconds */
  sleepMs?: number
}

export async function main(event: PingEvent, context: Record<string, unknown>) {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  const { WX_OPENID, WX_APPID, TCB_SOURCE } = tcb.getCloudbaseContext(context as any) as unknown as Record<string, string | undefined>
  if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, Math.min(event.sleepMs!, 60_000)))
  const reply: Record<string, unknown> = {
    openid: WX_OPENID ?? null,
    appid: WX_APPID ?? null,
    source: TCB_SOURCE ?? null,
    env: process.env.SCF_NAMESPACE ?? null
  }
  if (event.collection) {
    const { total } = await app.database().collection(event.collection).count()
    reply.count = total
  }
  if (event.relay && event.relay > 0) {
    const { result } = await app.callFunction({ name: 'ping', data: { relay: event.relay - 1 } })
    reply.relayed = result
  }
  return reply
}
