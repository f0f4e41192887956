/**
 * 请带教老师核实 (`?recordId=`): one `volunteer.createLink`, then the link and its QR for the
 * unit contact to scan or open; it works for one record, once, until it expires.
 */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageState from '../../../../components/PageState'
import QrCode from '../../../../components/QrCode'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/usePageData'
import { call } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/dates'
import { linkAddress } from '../../volunteer'
import '../../volunteer.css'

export default function Page() {
  const recordId = String(Taro.getCurrentInstance().router?.params?.recordId ?? '')
  const page = usePageData(async () => {
    const link = await call('volunteer', 'createLink', { recordId })
    return { ...link, address: linkAddress(link.url) }
  })
  const copy = (text: string) => void Taro.setClipboardData({ data: text }).catch(() => undefined)
  return (
    <View className='page vol-link'>
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} skeletonRows={6}>
        {page.data ? (
          <View className='card vol-link__card'>
            <Text className='card__title'>请实习单位带教老师扫码或打开链接核实</Text>
            <QrCode value={page.data.address} canvasId='vol-link-qr' className='vol-link__qr' />
            <Text className='vol-link__address' selectable>{page.data.address}</Text>
            <Button type='primary' block onClick={() => copy(page.data!.address)}>复制链接</Button>
            <Text className='vol-link__hint'>链接在 {formatDateTime(page.data.expiresAt)} 前有效，只能核实这一条记录、只能使用一次；老师无需登录。</Text>
          </View>
        ) : null}
      </PageState>
    </View>
  )
}
