/**
 * 名单 (the branch): import a roster file with its row-level report, download the sample
 * and the current roster, and browse the students with filters (internship year, province,
 * unassigned, a student number or name, political status; a group with `?groupId=`, a year
 * with `?year=`) a page at a time; a table on a wide screen, cards on a phone. After an
 * import the list shows the year the file was imported into.
 * The first screen is one call (`roster.list`); a non-admin is refused by the function.
 */
import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageState, { errorMessage } from '../../../../components/PageState'
import { PROVINCES } from '../../../../components/GroupBrowser/listInput'
import { Button, Popup, SearchBar } from '../../../../components/ui'
import { useCursorList } from '../../../../hooks/useCursorList'
import { asCallError } from '../../../../hooks/usePageData'
import { call } from '../../../../services/cloud'
import { yearChoices } from '../../../../services/dates'
import { openSpreadsheet } from '../../../../services/spreadsheet'
import { POLITICAL_STATUS_LABELS, POLITICAL_STATUSES } from '../../../../../types/domain'
import type { ActionOutput } from '../../../../../types/contract'
import ImportPanel from './ImportPanel'
import { RosterFilter, rosterListInput, yearParam } from './listInput'
import './index.css'

type Entry = ActionOutput<'roster', 'list'>['items'][number]

function Downloads() {
  const [state, setState] = useState<{ busy: 'sample' | 'export' | null; message: string | null }>({ busy: null, message: null })
  const run = async (which: 'sample' | 'export') => {
    if (state.busy) return
    setState({ busy: which, message: null })
    try {
      if (which === 'sample') {
        const { url } = await call('roster', 'sample', {})
        await openSpreadsheet(url, '名单模板.xlsx')
        setState({ busy: null, message: '已下载名单模板（表头和两行示例）' })
      } else {
        const { url, rows } = await call('roster', 'export', {})
        await openSpreadsheet(url, '实习生名单.xlsx')
        setState({ busy: null, message: `已导出名单：${rows} 名学生及其党小组` })
      }
    } catch (e) {
      setState({ busy: null, message: errorMessage(asCallError(e)) })
    }
  }
  return (
    <View className='card roster-downloads'>
      <Text className='card__title'>下载</Text>
      <View className='roster-downloads__buttons'>
        <Button loading={state.busy === 'sample'} onClick={() => void run('sample')}>名单模板</Button>
        <Button loading={state.busy === 'export'} onClick={() => void run('export')}>导出当前名单</Button>
      </View>
      {state.message ? <View className='roster-downloads__message' role='status'><Text>{state.message}</Text></View> : null}
    </View>
  )
}

function Row({ p }: { p: Entry }) {
  return (
    <View className='roster-row'>
      <Text className='roster-row__cell roster-row__no'>{p.studentNo}</Text>
      <Text className='roster-row__cell roster-row__name'>{p.name}{p.bound ? '' : <Text className='roster-row__unbound'>未绑定</Text>}</Text>
      <Text className='roster-row__cell roster-row__status'>{POLITICAL_STATUS_LABELS[p.politicalStatus]}</Text>
      <Text className='roster-row__cell roster-row__major'>{p.grade} {p.major}</Text>
      <Text className='roster-row__cell roster-row__place'>{p.province}{p.city} · {p.unitName}</Text>
      <Text className={p.groupName ? 'roster-row__cell roster-row__group' : 'roster-row__cell roster-row__group roster-row__group--none'}>{p.groupName ?? '未分组'}</Text>
    </View>
  )
}

function Filters({ filter, groupName, onChange }: { filter: RosterFilter; groupName: string | null; onChange: (f: RosterFilter) => void }) {
  const [typed, setTyped] = useState(filter.keyword ?? '')
  const [picking, setPicking] = useState(false)
  return (
    <View className='roster-filters'>
      {filter.groupId ? null : (
        <View className='roster-filters__years'>
          {[undefined, ...yearChoices(filter.year)].map((y) => (
            <Text key={y ?? 'all'} className={filter.year === y ? 'roster-chip roster-chip--on' : 'roster-chip'} onClick={() => onChange({ ...filter, year: y })}>{y ?? '全部年度'}</Text>
          ))}
        </View>
      )}
      <Text className={filter.province ? 'roster-chip roster-chip--on' : 'roster-chip'} onClick={() => setPicking(true)}>{filter.province ?? '全部省份'} ▾</Text>
      {filter.groupId
        ? <Text className='roster-chip roster-chip--on' onClick={() => onChange({ ...filter, groupId: undefined })}>{groupName ?? '所选小组'} ✕</Text>
        : <Text className={filter.unassigned ? 'roster-chip roster-chip--on' : 'roster-chip'} onClick={() => onChange({ ...filter, unassigned: !filter.unassigned })}>只看未分组</Text>}
      <View className='roster-filters__statuses'>
        {[undefined, ...POLITICAL_STATUSES].map((st) => (
          <Text key={st ?? 'all'} className={filter.politicalStatus === st ? 'roster-chip roster-chip--on' : 'roster-chip'} onClick={() => onChange({ ...filter, politicalStatus: st })}>{st ? POLITICAL_STATUS_LABELS[st] : '全部面貌'}</Text>
        ))}
      </View>
      <SearchBar
        className='roster-filters__search'
        value={typed}
        placeholder='学号开头或姓名'
        maxLength={20}
        onChange={setTyped}
        onSearch={(v: string) => onChange({ ...filter, keyword: v.trim() || undefined })}
        onClear={() => { setTyped(''); onChange({ ...filter, keyword: undefined }) }}
      />
      <Popup visible={picking} position='bottom' round closeable title='按省份筛选' onClose={() => setPicking(false)}>
        <View className='roster-provinces'>
          {[undefined, ...PROVINCES].map((p) => (
            <Text key={p ?? 'all'} className={filter.province === p ? 'roster-chip roster-chip--on' : 'roster-chip'} onClick={() => { setPicking(false); onChange({ ...filter, province: p }) }}>{p ?? '全部省份'}</Text>
          ))}
        </View>
      </Popup>
    </View>
  )
}

export default function Page() {
  const { params } = useRouter()
  const [filter, setFilter] = useState<RosterFilter>(() => (params.groupId ? { groupId: decodeURIComponent(params.groupId) } : { year: yearParam(params.year) }))
  const list = useCursorList((cursor) => call('roster', 'list', rosterListInput(filter, cursor)), [filter.year, filter.province, filter.keyword, filter.unassigned, filter.groupId, filter.politicalStatus])
  const filtered = !!(filter.year || filter.province || filter.keyword || filter.unassigned || filter.groupId || filter.politicalStatus)
  // After an import, the year it went into, as it stands (other filters dropped).
  const showImported = (year: string | null) => {
    if (year && (year !== filter.year || filter.groupId || filter.province || filter.keyword || filter.unassigned || filter.politicalStatus)) setFilter({ year })
    else void list.reload()
  }
  // Refused (not the branch): the function's reason alone, nothing to import or download.
  if (list.status === 'error' && list.error?.code === 'PERMISSION_DENIED') {
    return <View className='page roster-page'><PageState status='error' error={list.error} errorTitle='无法查看名单' /></View>
  }
  return (
    <View className='page roster-page'>
      <View className='roster-page__tools'>
        <ImportPanel onImported={showImported} />
        <Downloads />
      </View>
      <Text className='section-title'>实习生{list.total !== null ? `（${list.total} 人）` : ''}</Text>
      <Filters filter={filter} groupName={list.items[0]?.groupName ?? null} onChange={setFilter} />
      <PageState
        status={list.status}
        error={list.error}
        onRetry={() => void list.reload()}
        emptyTitle={filtered ? '没有符合条件的学生' : '名单还是空的'}
        emptyHint={filtered ? '换个年度、省份或关键词试试' : '导入名单文件后，学生会显示在这里'}
        skeletonRows={8}
      >
        <View className='card roster-table'>
          <View className='roster-row roster-row--head'>
            <Text className='roster-row__cell roster-row__no'>学号</Text>
            <Text className='roster-row__cell roster-row__name'>姓名</Text>
            <Text className='roster-row__cell roster-row__status'>政治面貌</Text>
            <Text className='roster-row__cell roster-row__major'>年级专业</Text>
            <Text className='roster-row__cell roster-row__place'>实习地点</Text>
            <Text className='roster-row__cell roster-row__group'>党小组</Text>
          </View>
          {list.items.map((p) => <Row key={p.id} p={p} />)}
        </View>
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}
