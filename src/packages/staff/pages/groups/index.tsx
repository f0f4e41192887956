/** The groups a teacher or unit contact looks after, or every group for the branch. */
import { View } from '@tarojs/components'
import GroupBrowser from '../../../../components/GroupBrowser'

export default function Page() {
  return <View className='page'><GroupBrowser /></View>
}
