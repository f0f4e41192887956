/**
 * What a bound student without a group sees: the branch will place them, and an ordinary
 * student can join their region's group with the 6-character code from its liaison
 * (`group.join`; the function decides who may, and its Chinese message is shown here).
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { asCallError } from '../../hooks/usePageData'
import { call, CallError } from '../../services/cloud'
import { errorMessage } from '../PageState'
import { Button, Input } from '../ui'
import './index.css'

export interface Joined {
  groupId: string
  groupName: string
}

/** The field's own message for invalid input (e.g. 邀请码应为6位大写字母或数字), else the call's. */
function joinErrorText(error: CallError): string {
  const details = error.details as { message?: unknown }[] | undefined
  const first = Array.isArray(details) ? details[0]?.message : undefined
  return error.code === 'INVALID_ARGUMENT' && typeof first === 'string' ? first : errorMessage(error)
}

export default function JoinGroup({ onJoined }: { onJoined: (joined: Joined) => void }) {
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (): Promise<void> => {
    if (busy || !code) return
    setBusy(true)
    setError(null)
    try {
      onJoined(await call('group', 'join', { inviteCode: code }))
    } catch (e) {
      setError(joinErrorText(asCallError(e)))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='join-group'>
      <View className='join-group__intro'>
        <Text className='join-group__title'>你还没有加入实习党小组</Text>
        <Text className='join-group__lead'>党总支会按实习地区把你编入党小组，编入后这里会显示你的小组。</Text>
      </View>
      <View className='card join-group__card'>
        <Text className='card__title'>凭邀请码加入</Text>
        <Text className='card__subtitle'>普通同学也可以凭本地区党小组联络员提供的6位邀请码加入。党员由党总支统一编入。</Text>
        <View className={error ? 'join-group__field join-group__field--error' : 'join-group__field'}>
          <Input
            value={code}
            placeholder='输入6位邀请码'
            maxLength={6}
            clearable
            confirmType='go'
            onChange={(v) => { setCode(v.replace(/\s+/g, '').toUpperCase()); setError(null) }}
            onConfirm={() => void submit()}
          />
        </View>
        {error ? <View className='join-group__error' role='alert'><Text>{error}</Text></View> : null}
        <Button type='primary' block loading={busy} disabled={!code || busy} className='join-group__submit' onClick={() => void submit()}>
          加入党小组
        </Button>
      </View>
    </View>
  )
}
