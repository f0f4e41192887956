/** A volunteer record still on the device: its state, and retry / send now / discard. */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '../../../components/ui'
import { formatDateTime } from '../../../services/dates'
import { Job, writeQueue } from '../../../services/writeQueue'
import { jobStatus } from '../volunteer'

async function discard(job: Job): Promise<void> {
  const { confirm } = await Taro.showModal({ title: '放弃这条记录？', content: '放弃后不会再发送，也无法找回。', confirmText: '放弃', cancelText: '保留' })
  if (confirm) writeQueue().discard(job.id)
}

export default function JobCard({ job }: { job: Job }) {
  return (
    <View className={`card job-card job-card--${job.state}`} data-job={job.id}>
      <Text className='job-card__label'>{job.label}</Text>
      <Text className='job-card__status'>{jobStatus(job)}</Text>
      <Text className='job-card__meta'>保存于 {formatDateTime(job.createdAt)}{job.attempts ? ` · 已尝试${job.attempts}次` : ''}</Text>
      {job.state === 'sending' ? null : (
        <View className='job-card__actions'>
          {job.state === 'failed' ? <Button size='small' type='primary' onClick={() => void writeQueue().retry(job.id)}>重试</Button> : null}
          {job.state === 'queued' ? <Button size='small' type='primary' onClick={() => void writeQueue().flush()}>立即发送</Button> : null}
          <Button size='small' fill='outline' onClick={() => void discard(job)}>放弃</Button>
        </View>
      )}
    </View>
  )
}
