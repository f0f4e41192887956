/** When to publish: now, or at a date and time picked with WeChat's pickers, read back in Chinese. */
import dayjs from 'dayjs'
import { View, Text, Picker } from '@tarojs/components'
import FieldError from '../../../../components/FieldError'
import { defaultSchedule, scheduleLabel, type Schedule } from './lessonForm'

export default function ScheduleField({ value, onChange, error }: { value: Schedule; onChange: (s: Schedule) => void; error?: string | null }) {
  const today = dayjs().format('YYYY-MM-DD')
  return (
    <View className='schedule'>
      <View className='schedule__modes'>
        <Text className={value.mode === 'now' ? 'schedule__mode schedule__mode--on' : 'schedule__mode'} onClick={() => onChange({ mode: 'now' })}>立即发布</Text>
        <Text className={value.mode === 'at' ? 'schedule__mode schedule__mode--on' : 'schedule__mode'} onClick={() => value.mode === 'at' || onChange(defaultSchedule())}>定时发布</Text>
      </View>
      {value.mode === 'at'
        ? (
          <View className='schedule__pickers'>
            <Picker mode='date' value={value.date} start={today} onChange={(e) => onChange({ ...value, date: String(e.detail.value) })}>
              <View className='schedule__picker'><Text className='schedule__picker-label'>日期</Text><Text>{dayjs(value.date).isValid() ? dayjs(value.date).format('YYYY年M月D日 dddd') : '请选择'}</Text></View>
            </Picker>
            <Picker mode='time' value={value.time} onChange={(e) => onChange({ ...value, time: String(e.detail.value) })}>
              <View className='schedule__picker'><Text className='schedule__picker-label'>时间</Text><Text>{value.time || '请选择'}</Text></View>
            </Picker>
            <Text className='schedule__summary'>将于 {scheduleLabel(value)} 发布，到时读者才能看到</Text>
          </View>
          )
        : <Text className='schedule__summary'>发布后读者马上能看到</Text>}
      <FieldError message={error} />
    </View>
  )
}
