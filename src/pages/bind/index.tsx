/**
 * Binding this WeChat account to a person: students with student number and name,
 * teachers, unit contacts and branch staff with the invite code the branch gave them.
 * Consent comes first; the functions' own Chinese answers (wrong pair, attempts left,
 * minutes to wait) are shown in place.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { usePrivacyConsent } from '../../components/PrivacyConsent'
import { errorMessage } from '../../components/PageState'
import { Button, Input, TabPane, Tabs } from '../../components/ui'
import { asCallError } from '../../hooks/usePageData'
import { ROUTES } from '../../routes'
import { call, CallError } from '../../services/cloud'
import { setMe } from '../../services/session'
import './index.css'

type Mode = 'student' | 'invite'

/** The invite code in what was typed, scanned from the branch's QR (the bare code) or passed as `?code=`; '' when none. */
export const inviteCodeIn = (text: string | undefined): string => /(?:^|[^A-Z0-9])([A-Z0-9]{8})(?![A-Z0-9])/.exec((text ?? '').trim().toUpperCase())?.[1] ?? ''

export default function BindPage() {
  const consent = usePrivacyConsent()
  const given = inviteCodeIn(Taro.useRouter().params.code)
  const [mode, setMode] = useState<Mode>(given ? 'invite' : 'student')
  const [studentNo, setStudentNo] = useState('')
  const [name, setName] = useState('')
  const [code, setCode] = useState(given)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<CallError | null>(null)

  const ready = mode === 'student' ? studentNo.trim().length >= 4 && name.trim().length > 0 : code.trim().length === 8

  /** WeChat's scanner: the branch's QR holds the code itself. */
  async function scan(): Promise<void> {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
      const scanned = inviteCodeIn(result)
      if (scanned) setCode(scanned)
      else void Taro.showToast({ title: '这不是邀请码二维码', icon: 'none' })
    } catch {
      // cancelled
    }
  }

  async function submit(): Promise<void> {
    if (busy || !ready) return
    if (!consent.consented && !(await consent.ask())) return
    setBusy(true)
    setError(null)
    try {
      const me = mode === 'student'
        ? await call('user', 'bind', { studentNo: studentNo.trim(), name: name.trim() })
        : await call('user', 'redeemInvite', { code: code.trim().toUpperCase() })
      setMe(me)
      await Taro.showToast({ title: '绑定成功', icon: 'success' })
      await Taro.switchTab({ url: ROUTES.home })
    } catch (e) {
      setError(asCallError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page bind'>
      <View className='card bind__intro'>
        <Text className='card__title'>绑定身份</Text>
        <Text className='card__subtitle'>第一次使用，请确认你是名单中的哪一位。每个微信只能绑定一人。</Text>
      </View>
      <View className='card'>
        <Tabs value={mode} onChange={(v) => { setMode(v as Mode); setError(null) }} activeType='line'>
          <TabPane title='我是学生' value='student'>
            <View className='bind__form'>
              <Text className='bind__label'>学号</Text>
              <Input className='bind__input' placeholder='如 2023010001' value={studentNo} maxLength={20} onChange={setStudentNo} />
              <Text className='bind__label'>姓名</Text>
              <Input className='bind__input' placeholder='与名单上的姓名一致' value={name} maxLength={20} onChange={setName} />
            </View>
          </TabPane>
          <TabPane title='我有邀请码' value='invite'>
            <View className='bind__form'>
              <Text className='bind__label'>邀请码</Text>
              <Input className='bind__input bind__code' placeholder='8位字母或数字' value={code} maxLength={8} onChange={(v) => setCode(v.toUpperCase())} />
              {process.env.TARO_ENV === 'weapp' ? <Button size='small' onClick={() => void scan()}>扫描邀请码二维码</Button> : null}
              <Text className='bind__hint'>教师、实习单位带教老师和党总支工作人员请使用党总支发给你的邀请码。</Text>
            </View>
          </TabPane>
        </Tabs>
        {error ? <View className='bind__error' role='alert'><Text>{errorMessage(error)}</Text></View> : null}
        <Button type='primary' block className='bind__submit' loading={busy} disabled={!ready || busy} onClick={() => void submit()}>
          {busy ? '正在绑定…' : '确认绑定'}
        </Button>
        <Text className='bind__privacy' onClick={() => Taro.navigateTo({ url: ROUTES.privacy })}>绑定即表示你已阅读《隐私说明》</Text>
      </View>
      {consent.sheet}
    </View>
  )
}
