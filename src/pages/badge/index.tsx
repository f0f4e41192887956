/**
 * 身份牌: a bound student's badge, shown to another person's phone — the card and a QR of
 * the signed token from `badge.get`, renewed before it runs out and never shown once it
 * has. Staff have no badge: they get the way to 扫码验证; an unbound visitor, the way to bind.
 */
import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import dayjs from 'dayjs'
import BadgeCard from '../../components/BadgeCard'
import PartyFlag from '../../components/PartyFlag'
import PageState, { errorMessage } from '../../components/PageState'
import QrCode from '../../components/QrCode'
import { Button, Loading } from '../../components/ui'
import { asCallError } from '../../hooks/usePageData'
import { ROUTES } from '../../routes'
import type { CallError } from '../../services/cloud'
import { canVerifyBadges, ensureMe, hasBadge, hasRole, isStaff, Me, useMe } from '../../services/session'
import { BadgeToken, useBadgeToken } from './useBadgeToken'
import './index.css'

const openScan = (): void => { void Taro.navigateTo({ url: ROUTES.scan }) }
const openBind = (): void => { void Taro.navigateTo({ url: ROUTES.bind }) }

/** The session's caller, loading it (once for the whole app) when no page has yet. */
function useCaller(): { me: Me | null; error: CallError | null; retry: () => void } {
  const me = useMe()
  const [error, setError] = useState<CallError | null>(null)
  const retry = useCallback(() => {
    setError(null)
    ensureMe().catch((e: unknown) => setError(asCallError(e)))
  }, [])
  useEffect(() => {
    if (!me) retry()
  }, [me, retry])
  return { me, error, retry }
}

/** The QR area: the code with its validity, or the expired state with a retry, never a stale code. */
function BadgeQr({ token }: { token: BadgeToken }) {
  const issued = token.data!
  // Back after a long while: the new code is on its way, nothing has failed yet.
  if (token.expired && token.refreshing && !token.error) {
    return (
      <View className='badge-qr badge-qr--waiting' aria-busy>
        <Loading>正在更新二维码…</Loading>
      </View>
    )
  }
  if (token.expired) {
    return (
      <View className='badge-qr badge-qr--expired' role='alert'>
        <Text className='badge-qr__expired-title'>二维码已过期，联网后自动刷新</Text>
        {token.error ? <Text className='badge-qr__expired-reason'>{errorMessage(token.error)}</Text> : null}
        <Button type='primary' className='badge-qr__retry' loading={token.refreshing} onClick={token.renewNow}>
          {token.refreshing ? '正在刷新' : '重试'}
        </Button>
      </View>
    )
  }
  return (
    <>
      <View className='badge-qr'>
        {/* The white box round the canvas completes the quiet zone, so the modules can be larger. */}
        <QrCode value={issued.badge.qrPayload} canvasId='badge-qr' className='badge-qr__code' quietZone={2} />
      </View>
      <Text className='badge-qr__valid'>有效至 {dayjs(token.validUntil!).format('HH:mm')} · 到期前自动刷新</Text>
      {token.renewalFailed ? <Text className='badge-qr__warning'>刷新失败，稍后自动重试</Text> : null}
    </>
  )
}

/** The way to 扫码验证, under the card of a liaison or core member. */
function ScanEntry() {
  return (
    <View className='card badge-scan-entry' onClick={openScan}>
      <View className='badge-scan-entry__text'>
        <Text className='badge-scan-entry__title'>扫码验证</Text>
        <Text className='badge-scan-entry__hint'>核验他人出示的身份牌是否真实有效</Text>
      </View>
      <Text className='badge-scan-entry__arrow'>›</Text>
    </View>
  )
}

/** The tab for a caller without a badge of their own: staff check badges, an unbound visitor binds first. */
function NoBadge({ me }: { me: Me }) {
  const staff = isStaff(me)
  const unbound = hasRole(me, 'unbound')
  let title = '暂时没有你的身份牌'
  if (staff) title = '扫码核验学生的身份牌'
  else if (unbound) title = '绑定学号后即可出示身份牌'
  return (
    <View className='badge-intro'>
      <View className='badge-intro__head'>
        <PartyFlag className='badge-intro__flag' />
        <Text className='badge-intro__kicker'>实习党小组 · 身份牌</Text>
      </View>
      <View className='badge-intro__body'>
        <Text className='badge-intro__title'>{title}</Text>
        <Text className='badge-intro__text'>
          {staff
            ? '身份牌由实习同学出示，教师和工作人员没有个人身份牌。扫描对方的身份牌二维码，可以核验它是否真实有效。'
            : '用学号和姓名绑定微信后，你的实习党小组身份牌会显示在这里。'}
        </Text>
        <Button type='primary' block size='large' className='badge-intro__action' onClick={staff ? openScan : openBind}>
          {staff ? '扫码验证' : '去绑定'}
        </Button>
      </View>
    </View>
  )
}

export default function BadgePage() {
  const caller = useCaller()
  const { me } = caller
  const holder = hasBadge(me)
  const token = useBadgeToken(holder, me?.person?.id ?? null)

  if (!me) {
    return (
      <View className='page badge-page'>
        <PageState status={caller.error ? 'error' : 'loading'} error={caller.error} onRetry={caller.retry} />
      </View>
    )
  }
  return (
    <View className='page badge-page'>
      {holder ? (
        <PageState status={token.status} error={token.error} onRetry={() => void token.reload()} skeletonRows={8}>
          {token.data ? (
            <BadgeCard
              name={token.data.badge.name}
              politicalStatusLabel={token.data.badge.politicalStatusLabel}
              groupName={token.data.badge.groupName}
              unitName={token.data.badge.unitName}
              motto={token.data.badge.motto}
            >
              <BadgeQr token={token} />
            </BadgeCard>
          ) : null}
        </PageState>
      ) : <NoBadge me={me} />}
      {holder && canVerifyBadges(me) ? <ScanEntry /> : null}
    </View>
  )
}
