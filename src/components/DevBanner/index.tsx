/** H5 against the local emulator: who the app speaks as, and the way to switch. Absent on weapp. */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { DEV_IDENTITIES, DEV_IDENTITY_LABELS } from '../../../types/demo'
import { ROUTES } from '../../routes'
import { devOpenId } from '../../services/cloud'
import './index.css'

export default function DevBanner() {
  if (process.env.TARO_ENV !== 'h5') return null
  const openid = devOpenId()
  const entry = DEV_IDENTITY_LABELS.find((l) => DEV_IDENTITIES[l.key] === openid)
  return (
    <View className='dev-banner' onClick={() => Taro.navigateTo({ url: ROUTES.signIn })}>
      <Text>本地演示 · 当前身份：{entry ? entry.role : openid}</Text>
      <Text className='dev-banner__switch'>切换 ›</Text>
    </View>
  )
}
