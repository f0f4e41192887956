/** One group's page (`?groupId=`): the same view a student has of their own group in the 小组 tab. */
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import GroupDetailScreen from '../../../../components/GroupDetail'

export default function Page() {
  const { params } = useRouter()
  return <View className='page'><GroupDetailScreen groupId={params.groupId} /></View>
}
