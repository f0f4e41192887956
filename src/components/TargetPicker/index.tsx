/**
 * Who a lesson goes to: everyone, the groups of some provinces (the 34 province names), or
 * some groups, found with `group.list`'s search and shown as chips. Which groups a composer
 * may choose is the function's business: the search lists what it answers.
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useCursorList } from '../../hooks/useCursorList'
import { call } from '../../services/cloud'
import { groupListInput, PROVINCES } from '../GroupBrowser/listInput'
import FieldError from '../FieldError'
import ListFooter from '../ListFooter'
import PageState from '../PageState'
import { Button, Popup, SearchBar } from '../ui'
import { switchKind, TARGET_KINDS, targetSummary, toggleGroup, toggleProvince, type TargetDraft } from './target'
import './index.css'

export interface TargetPickerProps {
  value: TargetDraft
  onChange: (target: TargetDraft) => void
  error?: string | null
}

type Chosen = { id: string; name: string | null }[]

function GroupSearch({ visible, chosen, onToggle, onClose }: { visible: boolean; chosen: Chosen; onToggle: (g: { id: string; name: string }) => void; onClose: () => void }) {
  const [typed, setTyped] = useState('')
  const [keyword, setKeyword] = useState<string | undefined>()
  const list = useCursorList((cursor) => call('group', 'list', groupListInput({ keyword }, cursor)), [keyword], visible)
  return (
    <Popup visible={visible} position='bottom' round closeable title='选择党小组' onClose={onClose}>
      <View className='target-search'>
        <SearchBar
          value={typed}
          placeholder='搜索城市或小组名称'
          maxLength={20}
          onChange={setTyped}
          onSearch={(v) => setKeyword(v.trim() || undefined)}
          onClear={() => { setTyped(''); setKeyword(undefined) }}
        />
        <View className='target-search__list'>
          <PageState status={list.status} error={list.error} onRetry={() => void list.reload()} emptyTitle='没有找到党小组' emptyHint={keyword ? '换个城市或名称试试' : undefined} skeletonRows={4}>
            {list.items.map((g) => {
              const on = chosen.some((c) => c.id === g.id)
              return (
                <View key={g.id} className={on ? 'target-search__item target-search__item--on' : 'target-search__item'} onClick={() => onToggle({ id: g.id, name: g.name })}>
                  <View className='target-search__text'>
                    <Text className='target-search__name'>{g.name}</Text>
                    <Text className='target-search__place'>{[g.province, ...g.cities].join(' · ')}</Text>
                  </View>
                  <Text className='target-search__check'>{on ? '✓ 已选' : '选择'}</Text>
                </View>
              )
            })}
            <ListFooter list={list} />
          </PageState>
        </View>
        <Button type='primary' block className='target-search__done' onClick={onClose}>完成（已选{chosen.length}个）</Button>
      </View>
    </Popup>
  )
}

export default function TargetPicker({ value, onChange, error }: TargetPickerProps) {
  // What was picked under another kind comes back when the composer switches back.
  const [kept, setKept] = useState({ provinces: value.kind === 'provinces' ? value.provinces : [], groups: value.kind === 'groups' ? value.groups : [] as Chosen })
  const [searching, setSearching] = useState(false)
  const change = (next: TargetDraft) => {
    if (next.kind === 'provinces') setKept((k) => ({ ...k, provinces: next.provinces }))
    if (next.kind === 'groups') setKept((k) => ({ ...k, groups: next.groups }))
    onChange(next)
  }
  return (
    <View className='target-picker'>
      <View className='target-picker__kinds'>
        {TARGET_KINDS.map(({ kind, label }) => (
          <Text key={kind} className={value.kind === kind ? 'target-picker__kind target-picker__kind--on' : 'target-picker__kind'} onClick={() => change(switchKind(kind, kept))}>{label}</Text>
        ))}
      </View>
      {value.kind === 'all' ? <Text className='target-picker__hint'>本实习年度所有党小组的同学都会收到</Text> : null}
      {value.kind === 'provinces'
        ? (
          <View className='target-picker__provinces'>
            {PROVINCES.map((p) => (
              <Text
                key={p}
                className={value.provinces.includes(p) ? 'target-chip target-chip--on' : 'target-chip'}
                onClick={() => change({ kind: 'provinces', provinces: toggleProvince(value.provinces, p, PROVINCES) })}
              >{p}</Text>
            ))}
          </View>
          )
        : null}
      {value.kind === 'groups'
        ? (
          <View className='target-picker__groups'>
            {value.groups.map((g, k) => (
              <Text key={g.id} className='target-chip target-chip--on target-chip--removable' onClick={() => change({ kind: 'groups', groups: value.groups.filter((c) => c.id !== g.id) })}>
                {g.name ?? `已选党小组${k + 1}`} ×
              </Text>
            ))}
            <Text className='target-chip target-chip--add' onClick={() => setSearching(true)}>＋ 添加党小组</Text>
          </View>
          )
        : null}
      {value.kind !== 'all' ? <Text className='target-picker__hint'>已选：{targetSummary(value)}</Text> : null}
      <FieldError message={error} />
      {value.kind === 'groups'
        ? <GroupSearch visible={searching} chosen={value.groups} onClose={() => setSearching(false)} onToggle={(g) => change({ kind: 'groups', groups: toggleGroup(value.groups, g) })} />
        : null}
    </View>
  )
}
