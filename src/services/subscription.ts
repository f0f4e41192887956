/**
 * Asking for a one-time subscription message (a new lesson, a comment on a note, a
 * check-in to confirm). On WeChat the person answers WeChat's own sheet (each acceptance
 * lets the function send one message; hidden when the build has no template id); on H5,
 * where there is no WeChat, a plain confirmation stands in so the local outbox can be
 * tried. Either way the acceptances go to the domain's `subscribe` action.
 */
import Taro from '@tarojs/taro'

const isWeapp = process.env.TARO_ENV === 'weapp'

/** One kind of reminder: its template (build-time; empty when not configured), the H5 wording, and the domain's subscribe call. */
export interface SubscriptionOffer {
  templateId: string
  title: string
  content: string
  subscribe: (accepted: number) => Promise<{ remaining: number }>
}

export type SubscriptionOutcome =
  | { kind: 'subscribed'; remaining: number }
  | { kind: 'declined' }
  | { kind: 'failed'; message: string }

/** False on WeChat without a configured template: the offer is not shown at all. */
export const subscriptionAvailable = (templateId: string): boolean => !isWeapp || templateId !== ''

/** How many of the templates asked for the person accepted in WeChat's answer. */
export function acceptedCount(answer: Record<string, unknown>, tmplIds: readonly string[]): number {
  return tmplIds.filter((id) => answer[id] === 'accept').length
}

/** WeChat's refusals a person can do something about. */
function subscribeFailure(error: unknown): string {
  const code = (error as { errCode?: number } | null)?.errCode
  if (code === 20004) return '你关闭了小程序的订阅消息，可在右上角“···”›“设置”›“通知管理”中打开'
  if (code === 20005) return '小程序的订阅消息已被禁用'
  return '暂时无法开启提醒，请稍后再试'
}

async function askWeChat(templateId: string): Promise<number | SubscriptionOutcome> {
  const tmplIds = [templateId]
  try {
    // Taro's typing also demands Alipay's `entityIds`; WeChat takes `tmplIds` alone.
    const answer = await Taro.requestSubscribeMessage({ tmplIds } as unknown as Taro.requestSubscribeMessage.Option)
    return acceptedCount(answer as unknown as Record<string, unknown>, tmplIds)
  } catch (e) {
    return { kind: 'failed', message: subscribeFailure(e) }
  }
}

async function askInBrowser(offer: SubscriptionOffer): Promise<number> {
  try {
    const { confirm } = await Taro.showModal({ title: offer.title, content: offer.content, confirmText: '开启', cancelText: '暂不' })
    return confirm ? 1 : 0
  } catch {
    return 0
  }
}

/** Asks (must follow a tap: WeChat shows its sheet only then) and reports the acceptances recorded. */
export async function askSubscription(offer: SubscriptionOffer): Promise<SubscriptionOutcome> {
  const asked = isWeapp ? await askWeChat(offer.templateId) : await askInBrowser(offer)
  if (typeof asked !== 'number') return asked
  if (asked < 1) return { kind: 'declined' }
  try {
    const { remaining } = await offer.subscribe(asked)
    return { kind: 'subscribed', remaining }
  } catch (e) {
    return { kind: 'failed', message: (e as Error)?.message || '暂时无法开启提醒，请稍后再试' }
  }
}
