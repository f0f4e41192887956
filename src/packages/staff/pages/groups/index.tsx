/** The groups a teacher or unit contact looks after, or every group for the branch (who also manages each). */
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import GroupBrowser from '../../../../components/GroupBrowser'
import { ROUTES, withQuery } from '../../../../routes'
import { hasRole, useMe } from '../../../../services/session'

const manage = (groupId: string): void => { void Taro.navigateTo({ url: withQuery(ROUTES.groupManage, { groupId }) }) }

export default function Page() {
  const admin = hasRole(useMe(), 'admin')
  return <View className='page'><GroupBrowser onManage={admin ? manage : undefined} /></View>
}
