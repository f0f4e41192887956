import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { CallError, invoke } from '../../services/cloud'

/** What the `ping` cloud function returns (see cloudfunctions/ping). */
interface PingReply {
  openid: string | null
  appid: string | null
  source: string | null
  env: string | null
}

type Status = 'idle' | 'loading' | 'ok' | 'error'

function describeError(e: unknown): string {
  if (e instanceof CallError) return `[${e.code}] ${e.message}`
  if (e instanceof Error) return e.message
  return String(e)
}

export default function Index() {
  const [status, setStatus] = useState<Status>('idle')
  const [message, setMessage] = useState('')

  const loading = status === 'loading'

  const checkConnection = async () => {
    if (loading) return
    setStatus('loading')
    setMessage('')
    try {
      const reply = await invoke('ping', {}) as PingReply
      setStatus('ok')
      setMessage(`已连接：${reply?.openid ?? '（未获取到 openid）'}`)
    } catch (e) {
      setStatus('error')
      setMessage(`连接失败：${describeError(e)}`)
    }
  }

  return (
    <View className='index'>
      <Text className='index__title'>实习党小组</Text>
      <Text className='index__subtitle'>争先锋 作表率</Text>
      {/*
        h5 notes: `|| undefined` drops the attribute, since disabled="false" would still match
        the [disabled] style; the label sits in its own <Text> because toggling `loading` next
        to a bare text child makes the h5 button's slot renderer throw (insertBefore).
      */}
      <Button
        className='index__check'
        loading={loading || undefined}
        disabled={loading || undefined}
        onClick={checkConnection}
      >
        <Text>{loading ? '检测中…' : '检测连接'}</Text>
      </Button>
      {message ? (
        <Text className={`index__result index__result--${status}`}>{message}</Text>
      ) : null}
    </View>
  )
}
