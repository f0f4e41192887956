/**
 * 我的志愿服务: this year's verified and unverified hours, what still waits on the device
 * (queued, sending, refused), then my records with their state; a pending record can be
 * sent to the unit contact for verification (请带教老师核实).
 */
import { useCallback, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import JobCard from '../../../../components/JobCard'
import ListFooter from '../../../../components/ListFooter'
import PageState from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { useCursorList } from '../../../../hooks/useCursorList'
import { ROUTES, withQuery } from '../../../../routes'
import { call } from '../../../../services/cloud'
import { Job, useWriteQueue, writeQueue } from '../../../../services/writeQueue'
import RecordCard from '../../components/RecordCard'
import { hoursText, isVolunteerJob, mergeRecords, VolunteerView } from '../../volunteer'
import '../../volunteer.css'

const PAGE_SIZE = 20
type Totals = { verified: number; unverified: number; records: number }

function TotalsCard({ totals }: { totals: Totals | null }) {
  return (
    <View className='card vol-totals'>
      <View className='vol-totals__cell'>
        <Text className='vol-totals__value vol-totals__value--verified'>{totals ? hoursText(totals.verified) : '—'}</Text>
        <Text className='vol-totals__label'>本年度已核实</Text>
      </View>
      <View className='vol-totals__cell'>
        <Text className='vol-totals__value'>{totals ? hoursText(totals.unverified) : '—'}</Text>
        <Text className='vol-totals__label'>待核实（不计入）</Text>
      </View>
    </View>
  )
}

export default function Page() {
  const [totals, setTotals] = useState<Totals | null>(null)
  const [sent, setSent] = useState<VolunteerView[]>([])
  const list = useCursorList(async (cursor) => {
    // Opening or pulling the list is a moment to send what waits on the device.
    if (!cursor) void writeQueue().flush()
    const page = await call('volunteer', 'mine', { pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) })
    if (!cursor) setTotals(page.totals)
    return page
  }, [])
  const onSent = useCallback((job: Job, result: unknown) => {
    if (job.fn !== 'volunteer' || job.action !== 'log') return
    const record = result as VolunteerView
    setSent((prev) => [record, ...prev.filter((r) => r.id !== record.id)])
    setTotals((t) => (t ? { ...t, unverified: t.unverified + record.hours, records: t.records + 1 } : t))
  }, [])
  const jobs = useWriteQueue(isVolunteerJob, onSent)
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void list.reload()
    shown.current = true
  })
  const records = mergeRecords(list.items, sent)
  const status = list.status === 'empty' && (records.length || jobs.length) ? 'ready' : list.status

  return (
    <View className='page vol-page'>
      <View className='vol-page__top'>
        <Text className='vol-page__title'>志愿服务时长</Text>
        <Button type='primary' size='small' onClick={() => void Taro.navigateTo({ url: ROUTES.volunteerLog })}>＋ 登记</Button>
      </View>
      <TotalsCard totals={totals} />
      {jobs.length ? (
        <View className='vol-jobs'>
          <Text className='section-title'>手机上待发送（{jobs.length}）</Text>
          {jobs.map((job) => <JobCard key={job.id} job={job} discardTitle='放弃这条记录？' />)}
        </View>
      ) : null}
      <PageState status={status} error={list.error} onRetry={() => void list.reload()} emptyTitle='还没有志愿服务记录' emptyHint='点“登记”记下你参加的志愿服务' skeletonRows={6}>
        <View className='vol-records'>
          {records.map((r) => (
            <RecordCard key={r.id} record={r}>
              {r.state === 'pending' ? (
                <View className='vol-record__actions'>
                  <Button size='small' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.volunteerLink, { recordId: r.id }) })}>请带教老师核实</Button>
                </View>
              ) : null}
            </RecordCard>
          ))}
        </View>
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}
