/**
 * 培养考察: the people under cultivation a page at a time, each with their contacts (a
 * missing one marked), the review due (overdue red, within 30 days amber) and the
 * observations on each side — for the branch all of a year (by status, group with
 * `?groupId=`, or still without both contacts), for an advisor their groups, for a
 * contact the people they contact; scopes as the function offers them to the caller.
 */
import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageState from '../../../../components/PageState'
import { useCursorList } from '../../../../hooks/useCursorList'
import { call } from '../../../../services/cloud'
import { yearChoices } from '../../../../services/dates'
import PersonRow from '../../components/PersonRow'
import { ListFilter, listInput, ListPage, Scope, SCOPE_LABELS } from '../../cultivation'
import '../../cultivation.css'

function Chip({ on, label, onClick, className = '' }: { on: boolean; label: string; onClick: () => void; className?: string }) {
  return <Text className={`cv-chip ${on ? 'cv-chip--on' : ''} ${className}`} onClick={onClick}>{label}</Text>
}

/** What the last page said about the list: its scope, the caller's scopes, the year shown. */
type Meta = Pick<ListPage, 'scope' | 'scopes' | 'year'>

export default function CultivationListPage() {
  const params = Taro.getCurrentInstance().router?.params ?? {}
  const [filter, setFilter] = useState<ListFilter>(() => ({ groupId: params.groupId ? decodeURIComponent(params.groupId) : undefined }))
  const [meta, setMeta] = useState<Meta | null>(null)
  const list = useCursorList(async (cursor) => {
    const page = await call('cultivation', 'list', listInput(filter, cursor))
    setMeta({ scope: page.scope, scopes: page.scopes, year: page.year })
    return page
  }, [filter.scope, filter.year, filter.status, filter.groupId, filter.withoutContacts])
  // Back from a file where contacts were named or a review recorded: show it.
  const [shown, setShown] = useState(false)
  useDidShow(() => { if (shown) void list.reload(); setShown(true) })
  const scope: Scope | undefined = filter.scope ?? meta?.scope
  const set = (patch: Partial<ListFilter>) => setFilter((f) => ({ ...f, ...patch }))
  const filtered = !!(filter.status || filter.withoutContacts || filter.groupId)

  return (
    <View className='page cv-page'>
      <View className='cv-page__top'>
        <Text className='cv-page__title'>培养考察{meta?.year && scope === 'all' ? ` · ${meta.year}` : ''}</Text>
        {list.total !== null ? <Text className='cv-page__total'>共 {list.total} 人</Text> : null}
      </View>
      {meta && meta.scopes.length > 1 ? (
        <View className='cv-chips cv-scopes'>
          {meta.scopes.map((s) => <Chip key={s} on={scope === s} label={SCOPE_LABELS[s]} className={`cv-scope--${s}`} onClick={() => set({ scope: s })} />)}
        </View>
      ) : null}
      {scope === 'all' ? (
        <View className='cv-chips cv-years'>
          {yearChoices(meta?.year).map((y) => <Chip key={y} on={(filter.year ?? meta?.year) === y} label={y} onClick={() => set({ year: y })} />)}
        </View>
      ) : null}
      {scope && scope !== 'contacts' ? (
        <View className='cv-chips cv-filters'>
          <Chip on={!filter.status} label='全部' onClick={() => set({ status: undefined })} />
          <Chip on={filter.status === 'activist'} label='入党积极分子' className='cv-filter--activist' onClick={() => set({ status: 'activist' })} />
          <Chip on={filter.status === 'probationary'} label='预备党员' className='cv-filter--probationary' onClick={() => set({ status: 'probationary' })} />
          <Chip on={!!filter.withoutContacts} label='未配齐联系人' className='cv-filter--without' onClick={() => set({ withoutContacts: !filter.withoutContacts })} />
          {filter.groupId ? <Chip on label='本小组 ✕' className='cv-filter--group' onClick={() => set({ groupId: undefined })} /> : null}
        </View>
      ) : null}
      <PageState status={list.status} error={list.error} onRetry={() => void list.retry()} skeletonRows={6}
        emptyTitle={filtered ? '没有符合条件的同志' : scope === 'contacts' ? '党总支还没有指定你联系的同志' : '这里还没有入党积极分子或预备党员'}
        emptyHint={scope === 'contacts' ? '党总支为入党积极分子、预备党员指定联系人后，会出现在这里' : undefined}>
        <View className='cv-rows'>
          {list.items.map((row) => <PersonRow key={row.personId} row={row} />)}
        </View>
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}
