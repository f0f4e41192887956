/**
 * 各小组活动 (`?year=&province=`): every group of the year the caller sees (the branch all,
 * an advisor their own; the function decides), a page at a time — month by month its
 * 党小组会 (silent months marked), its latest meeting, lesson read rate, volunteer hours,
 * talk coverage and flag. A table on a desktop, cards on a phone; a row opens the group.
 */
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageState from '../../../../components/PageState'
import { useCursorList } from '../../../../hooks/useCursorList'
import { ROUTES, withQuery } from '../../../../routes'
import { call } from '../../../../services/cloud'
import { ActivityRow, hoursText, monthLong, monthShort, percentText, queryValue } from '../../oversight'
import '../../oversight.css'

const isYear = (y: string | undefined): y is string => !!y && /^\d{4}-\d{4}$/.test(y)

/** The year month by month: a coloured cell with the number of 党小组会, or a marked silent month. */
function MonthStrip({ months }: { months: ActivityRow['months'] }) {
  return (
    <View className='ov-strip'>
      {months.map((m) => (
        <View
          key={m.month}
          className={m.meetings > 0 ? 'ov-strip__cell ov-strip__cell--met' : 'ov-strip__cell ov-strip__cell--silent'}
          aria-label={`${monthLong(m.month)}：${m.meetings > 0 ? `党小组会${m.meetings}次` : '未开党小组会'}，活动打卡${m.checkins}次`}
        >
          <Text className='ov-strip__month'>{monthShort(m.month)}</Text>
          <Text className='ov-strip__n'>{m.meetings > 0 ? m.meetings : '✕'}</Text>
        </View>
      ))}
    </View>
  )
}

function GroupRow({ g, onOpen }: { g: ActivityRow; onOpen: (id: string) => void }) {
  const cities = g.cities.filter((c) => c !== g.province)
  return (
    <View className='ov-row' hoverClass='ov-pressed' onClick={() => onOpen(g.id)}>
      <View className='ov-row__group'>
        <Text className='ov-row__name'>{g.name}</Text>
        <Text className='ov-row__meta'>{cities.length ? `${g.province} · ${cities.join('、')}` : g.province} · {g.members}人（党员{g.partyMembers}）</Text>
        <Text className='ov-row__meta'>联络员 {g.liaisonName ?? '待确定'} · 指导教师 {g.advisorNames.length ? g.advisorNames.join('、') : '待指定'}</Text>
      </View>
      <View className='ov-row__months'><MonthStrip months={g.months} /></View>
      <View className='ov-row__figures'>
        <View className='ov-row__figure ov-row__last'><Text className='ov-row__label'>最近开会</Text><Text className={g.lastMeetingOn ? 'ov-row__value' : 'ov-row__value ov-row__value--warn'}>{g.lastMeetingOn ?? '本学年未开'}</Text></View>
        <View className='ov-row__figure ov-row__read'><Text className='ov-row__label'>微党课阅读</Text><Text className='ov-row__value'>{g.lessons.targeted ? `${percentText(g.lessons.readRate)}（${g.lessons.read}/${g.lessons.targeted}）` : '未推送'}</Text></View>
        <View className='ov-row__figure ov-row__hours'><Text className='ov-row__label'>志愿时长</Text><Text className='ov-row__value'>{hoursText(g.volunteer.verified)}{g.volunteer.unverified ? `（待核实${hoursText(g.volunteer.unverified)}）` : ''}</Text></View>
        <View className='ov-row__figure ov-row__talks'><Text className='ov-row__label'>谈话覆盖</Text><Text className='ov-row__value'>{percentText(g.talks.coverage)}（{g.talks.students}/{g.members}）</Text></View>
        <View className='ov-row__figure ov-row__flag'><Text className='ov-row__label'>党旗</Text><Text className={g.flagIssued ? 'ov-row__value ov-row__value--ok' : 'ov-row__value'}>{g.flagIssued ? '已发放' : '未发放'}</Text></View>
      </View>
    </View>
  )
}

export default function Page() {
  const params = useRouter().params
  const year = isYear(params.year) ? params.year : undefined
  const [province, setProvince] = useState<string | undefined>(() => queryValue(params.province))
  // The page's year, months and term, from the latest page (every page of one list has the same).
  const [meta, setMeta] = useState<{ year: string; months: string[]; term: string } | null>(null)
  const list = useCursorList(async (cursor) => {
    const page = await call('oversight', 'groupActivity', { ...(cursor ? { cursor } : {}), ...(year ? { year } : {}), ...(province ? { province } : {}) })
    setMeta({ year: page.year, months: page.months, term: page.term })
    return page
  }, [year, province])
  const open = (groupId: string) => void Taro.navigateTo({ url: withQuery(ROUTES.groupDetail, { groupId }) })
  return (
    <View className='page ov-page ov-grid-page'>
      <View className='ov-head'>
        <View className='ov-head__titles'>
          <Text className='ov-head__title'>{meta ? `${meta.year}学年` : ''}各小组活动{list.total !== null ? `（${list.total}）` : ''}</Text>
          {meta ? <Text className='ov-head__asof'>每格为一个月的党小组会次数，✕ 为当月未开；谈话覆盖按 {meta.term} 学期</Text> : null}
        </View>
        {province ? (
          <View className='ov-chips'>
            <Text className='ov-chip ov-chip--on ov-province-filter' onClick={() => setProvince(undefined)}>{province} ✕</Text>
          </View>
        ) : null}
      </View>
      <PageState
        status={list.status}
        error={list.error}
        onRetry={() => void list.reload()}
        errorTitle={list.error?.code === 'PERMISSION_DENIED' ? '无法查看各小组活动' : undefined}
        emptyTitle={province ? `${province}没有党小组` : '还没有党小组'}
        emptyHint={province ? '点上方的省份可查看全部小组' : '党总支组建党小组后，这里会列出各小组的活动'}
        skeletonRows={10}
      >
        <View className='card ov-table'>
          <View className='ov-row ov-row--head'>
            <Text className='ov-row__group'>党小组</Text>
            <Text className='ov-row__months'>每月党小组会</Text>
            <View className='ov-row__figures'>
              <Text className='ov-row__figure'>最近开会</Text>
              <Text className='ov-row__figure'>微党课阅读</Text>
              <Text className='ov-row__figure'>志愿时长</Text>
              <Text className='ov-row__figure'>谈话覆盖</Text>
              <Text className='ov-row__figure'>党旗</Text>
            </View>
          </View>
          {list.items.map((g) => <GroupRow key={g.id} g={g} onOpen={open} />)}
        </View>
        <ListFooter list={list} />
      </PageState>
    </View>
  )
}
