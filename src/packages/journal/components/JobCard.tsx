/** A write still on the device: what it is, its state, and what the writer can do with it. */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ROUTES, withQuery } from '../../../routes'
import { formatDateTime } from '../../../services/dates'
import { Job, writeQueue } from '../../../services/writeQueue'
import { Button } from '../../../components/ui'
import { jobStatus } from '../notes'

async function discard(job: Job): Promise<void> {
  const { confirm } = await Taro.showModal({ title: '放弃这条内容？', content: '放弃后不会再发送，也无法找回。', confirmText: '放弃', cancelText: '保留' })
  if (confirm) writeQueue().discard(job.id)
}

export default function JobCard({ job }: { job: Job }) {
  const failed = job.state === 'failed'
  const editable = failed && job.action === 'save'
  return (
    <View className={`card job-card job-card--${job.state}`} data-job={job.id}>
      <Text className='job-card__label'>{job.label}</Text>
      <Text className='job-card__status'>{jobStatus(job)}</Text>
      <Text className='job-card__meta'>保存于 {formatDateTime(job.createdAt)}{job.attempts ? ` · 已尝试${job.attempts}次` : ''}</Text>
      {job.state === 'sending' ? null : (
        <View className='job-card__actions'>
          {failed && job.error?.code !== 'CONFLICT' ? <Button size='small' type='primary' onClick={() => void writeQueue().retry(job.id)}>重试</Button> : null}
          {job.state === 'queued' ? <Button size='small' type='primary' onClick={() => void writeQueue().flush()}>立即发送</Button> : null}
          {editable ? <Button size='small' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.journalEdit, { jobId: job.id }) })}>{job.error?.code === 'CONFLICT' ? '查看最新并修改' : '修改'}</Button> : null}
          <Button size='small' fill='outline' onClick={() => void discard(job)}>放弃</Button>
        </View>
      )}
    </View>
  )
}
