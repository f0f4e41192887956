/**
 * 请带教老师核实 (`?recordId=`): one `volunteer.createLink`, then the ways to reach the unit
 * contact: in WeChat, a chat card that opens the verify page of the mini program (转发给
 * 带教老师); where an H5 site serves the app, its link and QR to scan or open. Either works
 * for one record, once, until it expires, and needs no account.
 */
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageState from '../../../../components/PageState'
import QrCode from '../../../../components/QrCode'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/usePageData'
import { call } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/dates'
import { useMe } from '../../../../services/session'
import { hasWebAddress, linkAddress, shareOfLink } from '../../volunteer'
import '../../volunteer.css'

const IN_WECHAT = process.env.TARO_ENV === 'weapp'

export default function Page() {
  const recordId = String(Taro.getCurrentInstance().router?.params?.recordId ?? '')
  const me = useMe()
  const page = usePageData(async () => {
    const link = await call('volunteer', 'createLink', { recordId })
    return { ...link, address: linkAddress(link.url) }
  })
  // The chat card carries the token to the contact: shared only once the link exists.
  useShareAppMessage(() => (page.data ? shareOfLink(page.data.token, me?.person?.name ?? '实习生') : { title: '志愿服务时长核实' }))
  const copy = (text: string) => void Taro.setClipboardData({ data: text }).catch(() => undefined)
  const web = page.data ? hasWebAddress(page.data.address) : false
  return (
    <View className='page vol-link'>
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} skeletonRows={6}>
        {page.data ? (
          <View className='card vol-link__card'>
            <Text className='card__title'>请实习单位带教老师核实</Text>
            {IN_WECHAT ? <Button type='primary' block openType='share' className='vol-link__share'>转发给带教老师（微信）</Button> : null}
            {web ? (
              <>
                <Text className='vol-link__how'>{IN_WECHAT ? '或请老师扫码、打开链接：' : '请老师扫码或打开链接：'}</Text>
                <QrCode value={page.data.address} canvasId='vol-link-qr' className='vol-link__qr' />
                <Text className='vol-link__address' selectable>{page.data.address}</Text>
                <Button type={IN_WECHAT ? 'default' : 'primary'} block onClick={() => copy(page.data!.address)}>复制链接</Button>
              </>
            ) : null}
            <Text className='vol-link__hint'>{formatDateTime(page.data.expiresAt)} 前有效，只能核实这一条记录、只能使用一次；老师无需登录或注册。</Text>
          </View>
        ) : null}
      </PageState>
    </View>
  )
}
