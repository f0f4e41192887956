/**
 * 扫码验证: checks a badge someone shows and says whether it is genuine, with the name and
 * group `badge.verify` returns and nothing more. On weapp WeChat's own scanner reads the
 * code; on H5 the camera (jsQR) or the code's text pasted in.
 */
import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { errorMessage } from '../../../../components/PageState'
import { Button, Input, Loading } from '../../../../components/ui'
import { asCallError } from '../../../../hooks/usePageData'
import { call, CallError } from '../../../../services/cloud'
import CameraScanner from './CameraScanner'
import VerifyResult, { Verdict } from './VerifyResult'
import './index.css'

type Check =
  | { step: 'idle' }
  | { step: 'checking' }
  | { step: 'done'; verdict: Verdict }
  | { step: 'failed'; token: string; error: CallError }

type Source = 'wechat' | 'camera' | 'paste'

const isH5 = process.env.TARO_ENV === 'h5'

/** WeChat's scanner: the code's text, or null when the person cancelled. */
async function scanWithWeChat(): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    return res.result
  } catch (e) {
    if (/cancel/i.test((e as { errMsg?: string })?.errMsg ?? '')) return null
    throw e
  }
}

export default function ScanPage() {
  const [check, setCheck] = useState<Check>({ step: 'idle' })
  const [pasted, setPasted] = useState('')
  const [reopenCamera, setReopenCamera] = useState(0)
  const source = useRef<Source>(isH5 ? 'paste' : 'wechat')
  // Only the latest check may show its answer.
  const generation = useRef(0)

  const verify = useCallback(async (token: string, from: Source) => {
    const mine = ++generation.current
    source.current = from
    setCheck({ step: 'checking' })
    try {
      const verdict = await call('badge', 'verify', { token: token.trim() })
      if (mine === generation.current) setCheck({ step: 'done', verdict })
    } catch (e) {
      if (mine === generation.current) setCheck({ step: 'failed', token, error: asCallError(e) })
    }
  }, [])

  const scan = useCallback(async () => {
    try {
      const text = await scanWithWeChat()
      if (text !== null) void verify(text, 'wechat')
    } catch {
      void Taro.showToast({ title: '无法打开扫码，请稍后重试', icon: 'none' })
    }
  }, [verify])

  const scanAgain = (): void => {
    generation.current++
    setCheck({ step: 'idle' })
    if (source.current === 'wechat') void scan()
    else if (source.current === 'camera') setReopenCamera((n) => n + 1)
    else setPasted('')
  }

  const idle = check.step === 'idle'
  return (
    <View className='page scan-page'>
      <View className='card scan-intro'>
        <Text className='card__title'>扫码验证</Text>
        <Text className='card__subtitle'>核验他人出示的身份牌是否真实有效，只显示姓名和所在小组。</Text>
      </View>

      {check.step === 'checking' ? (
        <View className='card scan-checking'><Loading>正在核验…</Loading></View>
      ) : null}
      {check.step === 'done' ? <VerifyResult verdict={check.verdict} /> : null}
      {check.step === 'failed' ? (
        <View className='card scan-failed' role='alert'>
          <Text className='scan-failed__title'>核验没有完成</Text>
          <Text className='scan-failed__message'>{errorMessage(check.error)}</Text>
          <Button type='primary' className='scan-failed__retry' onClick={() => void verify(check.token, source.current)}>重试</Button>
        </View>
      ) : null}
      {idle ? null : <Button block className='scan-again' onClick={scanAgain}>再扫一次</Button>}

      {/* Kept mounted while a result shows, so 再扫一次 can reopen the camera. */}
      <View className={`scan-tools ${idle ? '' : 'scan-tools--hidden'}`}>
        {isH5 ? (
          <>
            <View className='card'>
              <Text className='scan-tools__title'>用摄像头扫描</Text>
              <CameraScanner reopen={reopenCamera} onScanned={(text) => void verify(text, 'camera')} />
            </View>
            <View className='card'>
              <Text className='scan-tools__title'>粘贴二维码内容</Text>
              <Input
                className='scan-paste__input'
                value={pasted}
                placeholder='粘贴二维码内容'
                clearable
                onChange={setPasted}
                onConfirm={() => { if (pasted.trim()) void verify(pasted, 'paste') }}
              />
              <Button type='primary' block className='scan-paste__submit' disabled={!pasted.trim()} onClick={() => void verify(pasted, 'paste')}>
                核验
              </Button>
            </View>
          </>
        ) : (
          <View className='card scan-wechat'>
            <Button type='primary' block size='large' onClick={() => void scan()}>扫码验证</Button>
            <Text className='scan-wechat__hint'>请对方打开“身份牌”，将二维码对准取景框。</Text>
          </View>
        )}
      </View>
    </View>
  )
}
