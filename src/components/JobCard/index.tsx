/**
 * A write still on the device (the write queue's job): what it is, its state, when it was
 * saved, and what the writer can do — retry a refused one, send a queued one now, edit
 * it (when the page offers that), or discard it. Used by every page that lists queued
 * writes (journal, volunteer service, check-ins).
 */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatDateTime } from '../../services/dates'
import { Job, writeQueue } from '../../services/writeQueue'
import { Button } from '../ui'
import './index.css'

/** A job's state in the writer's words. */
export function jobStatus(job: Job): string {
  if (job.state === 'sending') return '正在发送…'
  if (job.state === 'failed') return `发送失败：${job.error?.message ?? '未知原因'}`
  return job.attempts ? '等待网络，恢复后自动发送' : '待发送'
}

export interface JobCardProps {
  job: Job
  /** the state as this page says it (default: `jobStatus`) */
  status?: string
  /** the discard question, e.g. 放弃这条记录？ */
  discardTitle?: string
  /** an edit of the job (e.g. reopen a refused save in its editor); shown unless it is being sent */
  edit?: { label: string; onEdit: () => void } | null
  /** false when sending again cannot help (e.g. a conflict): no 重试 */
  retryable?: boolean
}

async function discard(job: Job, title: string): Promise<void> {
  const { confirm } = await Taro.showModal({ title, content: '放弃后不会再发送，也无法找回。', confirmText: '放弃', cancelText: '保留' })
  if (confirm) writeQueue().discard(job.id)
}

export default function JobCard({ job, status, discardTitle = '放弃这条内容？', edit = null, retryable = true }: JobCardProps) {
  return (
    <View className={`card job-card job-card--${job.state}`} data-job={job.id}>
      <Text className='job-card__label'>{job.label}</Text>
      <Text className='job-card__status'>{status ?? jobStatus(job)}</Text>
      <Text className='job-card__meta'>保存于 {formatDateTime(job.createdAt)}{job.attempts ? ` · 已尝试${job.attempts}次` : ''}</Text>
      {job.state === 'sending' ? null : (
        <View className='job-card__actions'>
          {job.state === 'failed' && retryable ? <Button size='small' type='primary' onClick={() => void writeQueue().retry(job.id)}>重试</Button> : null}
          {job.state === 'queued' ? <Button size='small' type='primary' onClick={() => void writeQueue().flush()}>立即发送</Button> : null}
          {edit ? <Button size='small' onClick={edit.onEdit}>{edit.label}</Button> : null}
          <Button size='small' fill='outline' onClick={() => void discard(job, discardTitle)}>放弃</Button>
        </View>
      )}
    </View>
  )
}
