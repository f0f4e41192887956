/**
 * The unit contact's page (`?token=`), opened from a link or QR in any browser: no sign-in,
 * no consent or binding step (nothing here reads the session), and its calls carry no identity. One `volunteer.openLink`
 * shows the record; the contact gives their name and approves it, or returns it with a
 * reason (`volunteer.verifyByLink`). A link that is expired, used or forged is refused by the
 * function and its Chinese reason shown as it is.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import PageState, { errorMessage } from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import { callAnonymously, CallError } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/dates'
import RecordCard from '../../components/RecordCard'
import { VerificationState } from '../../volunteer'
import '../../volunteer.css'

/** The token from the page's query (a QR may carry it encoded once more). */
function tokenOf(): string {
  const raw = String(Taro.getCurrentInstance().router?.params?.token ?? '')
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

function Decide({ token, onDone }: { token: string; onDone: (s: VerificationState) => void }) {
  const [name, setName] = useState('')
  const [reason, setReason] = useState('')
  const [returning, setReturning] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const submit = async (approve: boolean): Promise<void> => {
    if (busy) return
    if (!name.trim()) return setProblem('请填写您的姓名')
    if (!approve && !reason.trim()) return setProblem('退回请说明原因')
    setBusy(true)
    setProblem(null)
    try {
      const res = await callAnonymously('volunteer', 'verifyByLink', { token, verifierName: name.trim(), approve, ...(approve ? {} : { reason: reason.trim() }) })
      onDone(res.state)
    } catch (e) {
      setProblem(errorMessage(asCallError(e)))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card vol-verify__decide'>
      <Text className='section-title'>您的姓名</Text>
      <Input className='vol-form__field vol-verify__name' value={name} placeholder='例如 王老师' maxlength={20} onInput={(e) => { setName(e.detail.value); setProblem(null) }} />
      {returning ? (
        <>
          <Text className='section-title'>退回原因</Text>
          <Textarea className='vol-form__field vol-verify__reason textarea-fill' value={reason} maxlength={200} placeholder='例如 时长与实际不符' onInput={(e) => { setReason(e.detail.value); setProblem(null) }} />
        </>
      ) : null}
      {problem ? <Text className='vol-form__problem'>{problem}</Text> : null}
      <View className='vol-verify__actions'>
        {returning ? (
          <>
            <Button block type='primary' loading={busy} className='vol-verify__return' onClick={() => void submit(false)}>确认退回</Button>
            <Button block fill='none' onClick={() => setReturning(false)}>取消</Button>
          </>
        ) : (
          <>
            <Button block type='primary' loading={busy} className='vol-verify__approve' onClick={() => void submit(true)}>属实，确认核实</Button>
            <Button block fill='outline' className='vol-verify__reject' onClick={() => setReturning(true)}>退回</Button>
          </>
        )}
      </View>
    </View>
  )
}

export default function Page() {
  const token = tokenOf()
  const page = usePageData(() => {
    if (token.length < 16) return Promise.reject(new CallError('INVALID_ARGUMENT', '核实链接不完整，请让实习生重新发送链接或二维码'))
    return callAnonymously('volunteer', 'openLink', { token })
  })
  const [done, setDone] = useState<VerificationState | null>(null)
  // A refused link (used, expired, forged, settled) stays refused: only a network failure is worth retrying.
  const retry = page.error?.code === 'NETWORK_ERROR' ? () => void page.reload() : undefined
  return (
    <View className='page vol-verify'>
      <Text className='vol-verify__title'>志愿服务时长核实</Text>
      <PageState status={page.status} error={page.error} errorTitle={retry ? '加载失败' : '此链接无法使用'} onRetry={retry} skeletonRows={6}>
        {page.data ? (
          <>
            <Text className='vol-verify__intro'>实习生 {page.data.record.personName} 登记了以下志愿服务，请您核实是否属实。</Text>
            <RecordCard record={done ? { ...page.data.record, state: done } : page.data.record} />
            {done ? (
              <View className='card vol-verify__done' role='status'>
                <Text className='card__title'>{done === 'verified' ? '已确认核实，谢谢您！' : '已退回，实习生会看到您的原因。'}</Text>
              </View>
            ) : (
              <>
                <Decide token={token} onDone={setDone} />
                <Text className='vol-verify__hint'>此链接在 {formatDateTime(page.data.expiresAt)} 前有效，只能使用一次。</Text>
              </>
            )}
          </>
        ) : null}
      </PageState>
    </View>
  )
}
