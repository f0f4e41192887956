/**
 * 待核实 (`?groupId=`): a group's volunteer records waiting for its liaison or advisor, each
 * with 核实 or 退回 (a reason asked for); a decided record leaves the list.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageState, { errorMessage } from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { useCursorList } from '../../../../hooks/useCursorList'
import { asCallError } from '../../../../hooks/usePageData'
import { call } from '../../../../services/cloud'
import RecordCard from '../../components/RecordCard'
import { VolunteerView } from '../../volunteer'
import '../../volunteer.css'

const PAGE_SIZE = 20

function Actions({ record, onDecided }: { record: VolunteerView; onDecided: (id: string) => void }) {
  const [returning, setReturning] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const decide = async (approve: boolean): Promise<void> => {
    if (busy) return
    if (!approve && !reason.trim()) return setProblem('退回请说明原因')
    setBusy(true)
    setProblem(null)
    try {
      await call('volunteer', 'verify', { recordId: record.id, approve, ...(approve ? {} : { reason: reason.trim() }) })
      onDecided(record.id)
    } catch (e) {
      setProblem(errorMessage(asCallError(e)))
      setBusy(false)
    }
  }
  return (
    <View className='vol-record__actions'>
      {returning ? (
        <View className='vol-pending__return'>
          <Textarea className='vol-form__field vol-pending__reason textarea-fill' value={reason} maxlength={200} placeholder='退回原因' onInput={(e) => { setReason(e.detail.value); setProblem(null) }} />
          <View className='vol-record__buttons'>
            <Button size='small' type='primary' loading={busy} className='vol-pending__confirm-return' onClick={() => void decide(false)}>确认退回</Button>
            <Button size='small' fill='none' onClick={() => setReturning(false)}>取消</Button>
          </View>
        </View>
      ) : (
        <View className='vol-record__buttons'>
          <Button size='small' type='primary' loading={busy} className='vol-pending__verify' onClick={() => void decide(true)}>核实</Button>
          <Button size='small' fill='outline' className='vol-pending__reject' onClick={() => setReturning(true)}>退回</Button>
        </View>
      )}
      {problem ? <Text className='vol-form__problem'>{problem}</Text> : null}
    </View>
  )
}

export default function Page() {
  const groupId = String(Taro.getCurrentInstance().router?.params?.groupId ?? '')
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set())
  const list = useCursorList((cursor) => call('volunteer', 'pending', { groupId, pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }), [groupId])
  const records = list.items.filter((r) => !decided.has(r.id))
  const status = list.status === 'ready' && !records.length && list.done ? 'empty' : list.status
  return (
    <View className='page vol-page'>
      <View className='vol-page__top'>
        <Text className='vol-page__title'>待核实的志愿服务{list.total !== null ? `（${Math.max(0, list.total - decided.size)}）` : ''}</Text>
      </View>
      <PageState status={status} error={list.error} onRetry={() => void list.reload()} emptyTitle='没有待核实的记录' emptyHint='小组同学登记的志愿服务会出现在这里' skeletonRows={6}>
        <View className='vol-records'>
          {records.map((r) => (
            <RecordCard key={r.id} record={r} showPerson>
              <Actions record={r} onDecided={(id) => setDecided((prev) => new Set([...prev, id]))} />
            </RecordCard>
          ))}
        </View>
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}
