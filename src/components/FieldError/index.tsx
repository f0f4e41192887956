/** A problem with one field, shown right under it (a Chinese message from a check or the function). */
import { View, Text } from '@tarojs/components'
import './index.css'

export default function FieldError({ message }: { message?: string | null }) {
  return message ? <View className='field-error' role='alert'><Text>{message}</Text></View> : null
}
