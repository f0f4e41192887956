/**
 * The consent sheet shown before the app collects anything (binding sends a student
 * number and name). On WeChat the agree button is the platform's own
 * `agreePrivacyAuthorization` button, so WeChat records the consent; on H5 the same sheet
 * records it locally. `usePrivacyConsent` tells a page whether consent is given and asks.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button as NativeButton, Text, View } from '@tarojs/components'
import { ROUTES } from '../../routes'
import { needsConsent, onConsentNeeded, recordConsent } from '../../services/privacy'
import { Button, Popup } from '../ui'
import './index.css'

type Answer = (agreed: boolean) => void

export interface PrivacyConsentState {
  /** null while checking */
  consented: boolean | null
  /** shows the sheet; resolves with the person's choice */
  ask: () => Promise<boolean>
  sheet: JSX.Element
}

export function usePrivacyConsent(): PrivacyConsentState {
  const [consented, setConsented] = useState<boolean | null>(null)
  const [open, setOpen] = useState(false)
  const answer = useRef<Answer | null>(null)

  useEffect(() => {
    let live = true
    void needsConsent().then((needed) => {
      if (!live) return
      setConsented(!needed)
      if (needed) setOpen(true)
    })
    // WeChat asks when a privacy API is about to be used without consent.
    const stop = onConsentNeeded((resolve) => {
      setOpen(true)
      answer.current = (agreed) => resolve({ event: agreed ? 'agree' : 'disagree', buttonId: 'privacy-agree' })
    })
    return () => {
      live = false
      stop()
    }
  }, [])

  const settle = useCallback((agreed: boolean) => {
    if (agreed) recordConsent()
    setConsented(agreed)
    setOpen(false)
    answer.current?.(agreed)
    answer.current = null
  }, [])

  const ask = useCallback(() => new Promise<boolean>((resolve) => {
    answer.current = resolve
    setOpen(true)
  }), [])

  const sheet = (
    <Popup visible={open} position='bottom' round closeable={false} onOverlayClick={() => undefined}>
      <View className='privacy-sheet'>
        <Text className='privacy-sheet__title'>个人信息保护提示</Text>
        <Text className='privacy-sheet__text'>
          “实习党小组”会使用你的微信身份标识，以及你填写的学号、姓名或邀请码，用于确认你是名单中的哪一位同学或老师，
          并据此显示你所在的党小组和身份牌。你的手机号和政治面貌来自党总支导入的名单，只向你本人、本组联络员、指导教师和党总支显示。
        </Text>
        <Text className='privacy-sheet__link' onClick={() => Taro.navigateTo({ url: ROUTES.privacy })}>查看《隐私说明》</Text>
        <View className='privacy-sheet__buttons'>
          <Button className='privacy-sheet__decline' onClick={() => settle(false)}>暂不同意</Button>
          {process.env.TARO_ENV === 'weapp'
            ? (
              <NativeButton
                id='privacy-agree'
                className='privacy-sheet__agree'
                openType='agreePrivacyAuthorization'
                onAgreePrivacyAuthorization={() => settle(true)}
              >同意并继续</NativeButton>
            )
            : <Button type='primary' className='privacy-sheet__agree' onClick={() => settle(true)}>同意并继续</Button>}
        </View>
      </View>
    </Popup>
  )
  return { consented, ask, sheet }
}
