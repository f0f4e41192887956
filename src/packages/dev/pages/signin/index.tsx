/**
 * Local sign-in (H5 against the emulator only; the weapp build leaves this page out):
 * choose which of the demo school's development identities the app speaks as.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { DEV_IDENTITIES, DEV_IDENTITY_LABELS } from '../../../../../types/demo'
import { ROUTES } from '../../../../routes'
import { devOpenId, emulatorUrl, setDevOpenId } from '../../../../services/cloud'
import { clearSession } from '../../../../services/session'
import './index.css'

export default function SignInPage() {
  const [current, setCurrent] = useState(devOpenId())

  function choose(openid: string): void {
    setDevOpenId(openid)
    setCurrent(openid)
    clearSession()
    void Taro.reLaunch({ url: ROUTES.home })
  }

  return (
    <View className='page signin'>
      <View className='card'>
        <Text className='card__title'>本地登录</Text>
        <Text className='card__subtitle'>仅在本机模拟器上使用：选择一个演示身份，体验不同角色看到的内容。模拟器：{emulatorUrl()}</Text>
      </View>
      {DEV_IDENTITY_LABELS.map(({ key, role, who }) => {
        const openid = DEV_IDENTITIES[key]
        const active = openid === current
        return (
          <View key={key} className={`card signin__item ${active ? 'signin__item--active' : ''}`} onClick={() => choose(openid)}>
            <View className='signin__head'>
              <Text className='signin__role'>{role}</Text>
              {active ? <Text className='signin__current'>当前身份</Text> : null}
            </View>
            <Text className='signin__who'>{who}</Text>
            <Text className='signin__openid'>{openid}</Text>
          </View>
        )
      })}
    </View>
  )
}
