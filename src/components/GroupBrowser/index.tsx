/**
 * Groups for teachers, unit contacts and the branch (`group.list`: the function decides
 * whose groups): a page at a time with infinite scroll, filtered by internship year and
 * province and searched by a keyword (a city, or the beginning of a group's name). A tap
 * opens the group.
 */
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useCursorList } from '../../hooks/useCursorList'
import { withQuery, ROUTES } from '../../routes'
import { call } from '../../services/cloud'
import { yearChoices } from '../../services/dates'
import GroupCard from '../GroupCard'
import ListFooter from '../ListFooter'
import PageState from '../PageState'
import { Button, Popup, SearchBar } from '../ui'
import { GroupFilter, groupListInput, PROVINCES } from './listInput'
import './index.css'

const openGroup = (groupId: string): void => {
  void Taro.navigateTo({ url: withQuery(ROUTES.groupDetail, { groupId }) })
}

function ProvincePicker({ value, visible, onPick, onClose }: { value?: string; visible: boolean; onPick: (province?: string) => void; onClose: () => void }) {
  const chip = (label: string, province: string | undefined) => (
    <Text
      key={label}
      className={value === province ? 'province-chip province-chip--on' : 'province-chip'}
      onClick={() => onPick(province)}
    >{label}</Text>
  )
  return (
    <Popup visible={visible} position='bottom' round closeable title='按省份筛选' onClose={onClose}>
      <View className={process.env.TARO_ENV === 'h5' ? 'province-picker province-picker--h5' : 'province-picker'}>
        {chip('全部省份', undefined)}
        {PROVINCES.map((p) => chip(p, p))}
      </View>
    </Popup>
  )
}

function emptyText(filter: GroupFilter): { title: string; hint: string } {
  if (filter.province || filter.keyword) return { title: '没有符合条件的党小组', hint: filter.year ? '换个年度、省份或关键词试试' : '换个省份或关键词试试' }
  if (filter.year) return { title: `${filter.year}实习年度没有党小组`, hint: '可以查看其他年度，或选择全部年度' }
  return { title: '还没有你联系的党小组', hint: '党总支指定你为指导教师或实习单位联系人后，小组会显示在这里' }
}

/** `onManage`: for the branch, a 小组管理 link under each group. */
export default function GroupBrowser({ onManage }: { onManage?: (groupId: string) => void } = {}) {
  const [filter, setFilter] = useState<GroupFilter>({})
  const [typed, setTyped] = useState('')
  const [picking, setPicking] = useState(false)
  const list = useCursorList(
    (cursor) => call('group', 'list', groupListInput(filter, cursor)),
    [filter.year, filter.province, filter.keyword]
  )
  const filtered = !!(filter.year || filter.province || filter.keyword)
  // A new filter starts a new list: show it from its top.
  useEffect(() => { void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined) }, [filter.year, filter.province, filter.keyword])
  const empty = emptyText(filter)

  return (
    <View className='group-browser'>
      <View className='group-browser__filters'>
        <Text
          className={filter.province ? 'group-browser__province group-browser__province--on' : 'group-browser__province'}
          onClick={() => setPicking(true)}
        >{filter.province ?? '全部省份'} ▾</Text>
        <SearchBar
          className='group-browser__search'
          value={typed}
          placeholder='搜索城市或小组名称'
          maxLength={20}
          onChange={setTyped}
          onSearch={(v) => setFilter((f) => ({ ...f, keyword: v.trim() || undefined }))}
          onClear={() => { setTyped(''); setFilter((f) => ({ ...f, keyword: undefined })) }}
        />
      </View>
      <View className='group-browser__years'>
        {[undefined, ...yearChoices(filter.year)].map((y) => (
          <Text
            key={y ?? 'all'}
            className={filter.year === y ? 'group-browser__year group-browser__year--on' : 'group-browser__year'}
            onClick={() => setFilter((f) => ({ ...f, year: y }))}
          >{y ?? '全部年度'}</Text>
        ))}
      </View>
      {list.status === 'ready' && list.total !== null ? <Text className='group-browser__total'>共 {list.total} 个党小组</Text> : null}
      <PageState
        status={list.status}
        error={list.error}
        onRetry={() => void list.reload()}
        emptyTitle={empty.title}
        emptyHint={empty.hint}
        emptyAction={filtered ? <Button block className='group-browser__clear' onClick={() => { setTyped(''); setFilter({}) }}>清除筛选</Button> : undefined}
        skeletonRows={6}
      >
        <View className='group-browser__items'>
          {list.items.map((g) => onManage ? (
            <View key={g.id}>
              <GroupCard group={g} onOpen={openGroup} showYear={!filter.year} />
              <Text className='group-browser__manage' onClick={() => onManage(g.id)}>小组管理 ›</Text>
            </View>
          ) : <GroupCard key={g.id} group={g} onOpen={openGroup} showYear={!filter.year} />)}
        </View>
        <ListFooter list={list} />
      </PageState>
      <ProvincePicker
        value={filter.province}
        visible={picking}
        onClose={() => setPicking(false)}
        onPick={(province) => { setPicking(false); setFilter((f) => ({ ...f, province })) }}
      />
    </View>
  )
}
