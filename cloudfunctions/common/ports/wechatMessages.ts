/**
 * Messages in production: WeChat subscription messages (`subscribeMessage.send`
 * `{ touser, template_id, page, data: { key: { value } }, miniprogram_state, lang }`),
 * one call per message, sent from the outbox queue a few at a time. Template ids come
 * from the function's environment variables (MESSAGE_TEMPLATES); `MINIPROGRAM_STATE`
 * chooses which version of the mini program a message opens (formal by default).
 */
import { MESSAGE_TEMPLATES, Messenger, templateData } from './messages'
import { outboxMessenger, OutboxDoc, SendOutcome, Sender } from './outbox'
import { callWxApi, WxApiCall } from './wxOpenApi'

/** The WeChat APIs this module calls (granted in each bundling function's config.json). */
export const MESSAGES_OPENAPI = ['subscribeMessage.send'] as const

/**
 * WeChat's answers worth trying again later: system busy (-1), rate or frequency limits
 * (45009, 45011); any other error is final — notably 43101, the person has no acceptance
 * left, and 40003, an unknown account.
 */
const RETRY_ERRCODES = new Set([-1, 45009, 45011])

const MINIPROGRAM_STATES = new Set(['developer', 'trial', 'formal'])

/** The sender of WeChat subscription messages; `call` is the SDK's unless a test gives a stand-in. */
export function wechatSender(call: WxApiCall = callWxApi, env: NodeJS.ProcessEnv = process.env): Sender {
  const state = MINIPROGRAM_STATES.has(env.MINIPROGRAM_STATE ?? '') ? env.MINIPROGRAM_STATE! : 'formal'
  return async (m: OutboxDoc): Promise<SendOutcome> => {
    const templateId = env[MESSAGE_TEMPLATES[m.template]]
    if (!templateId) return { failed: `no ${MESSAGE_TEMPLATES[m.template] ?? 'template'}` }
    const reply = await call('subscribeMessage.send', {
      touser: m.openid, template_id: templateId, page: m.page, data: templateData(m.data), miniprogram_state: state, lang: 'zh_CN'
    })
    if (!reply.errcode) return { sent: true }
    return RETRY_ERRCODES.has(reply.errcode) ? { retry: String(reply.errcode) } : { failed: String(reply.errcode) }
  }
}

/** The production messenger: the outbox queue, delivered as WeChat subscription messages. */
export function wechatMessenger(call: WxApiCall = callWxApi, env: NodeJS.ProcessEnv = process.env): Messenger {
  return outboxMessenger(wechatSender(call, env))
}
