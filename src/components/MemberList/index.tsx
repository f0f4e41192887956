/**
 * People of a group as the function shows them to the caller: name, role in the group as a
 * tag, political status and phone only when the reply carries them, unit and major.
 */
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { POLITICAL_STATUS_LABELS } from '../../../types/domain'
import type { MemberView } from '../GroupDetail/circles'
import { Tag } from '../ui'
import './index.css'

const ROLE_LABELS = { liaison: '联络员', coreMember: '骨干' } as const

function callPhone(phoneNumber: string): void {
  void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
}

function MemberRow({ person, isViewer }: { person: MemberView; isViewer: boolean }) {
  const detail = [person.unitName, person.major].filter(Boolean).join(' · ')
  return (
    <View className='member-row'>
      <View className='member-row__main'>
        <View className='member-row__head'>
          <Text className='member-row__name'>{person.name}</Text>
          {isViewer ? <Tag type='info' plain className='member-row__tag'>我</Tag> : null}
          {person.groupRole ? <Tag type={person.groupRole === 'liaison' ? 'primary' : 'warning'} className='member-row__tag'>{ROLE_LABELS[person.groupRole]}</Tag> : null}
          {person.politicalStatus ? <Tag type='default' plain className='member-row__tag'>{POLITICAL_STATUS_LABELS[person.politicalStatus]}</Tag> : null}
        </View>
        {detail ? <Text className='member-row__detail'>{detail}</Text> : null}
      </View>
      {person.phone ? <Text className='member-row__phone' onClick={() => callPhone(person.phone!)}>{person.phone}</Text> : null}
    </View>
  )
}

/** A list of people; `columns` lays a long list out in columns on a wide screen. */
export default function MemberList({ people, viewerId, columns = false }: { people: MemberView[]; viewerId?: string | null; columns?: boolean }) {
  return (
    <View className={columns ? 'member-list member-list--columns' : 'member-list'}>
      {people.map((p) => <MemberRow key={p.id} person={p} isViewer={!!viewerId && p.id === viewerId} />)}
    </View>
  )
}
