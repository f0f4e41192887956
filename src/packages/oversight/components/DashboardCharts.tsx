/**
 * The dashboard's sections, each a chart over one part of the `oversight.dashboard` view
 * with its numbers printed: totals, political status, provinces (tap: the groups of the
 * province), months (activity; groups met and silent), lessons, hours, coverage,
 * questions and alerts (tap: the alerts of the kind).
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { formatDateTime } from '../../../services/dates'
import { alertKindsOf, barPercent, Dashboard, hoursText, largest, monthLong, monthShort, percentText, provincesBySize, statusSegments } from '../oversight'
import { ChartCard, HBar, Keys, Ring, StackedBar, Tile } from './Charts'

export function TotalsTiles({ d }: { d: Dashboard }) {
  const t = d.totals
  return (
    <View className='ov-tiles'>
      <Tile className='ov-tile--groups' value={t.groups} label='党小组' />
      <Tile className='ov-tile--interns' value={t.interns} label='实习生' />
      <Tile className='ov-tile--party' value={t.partyMembers} label='党员' note={`含预备党员${d.politicalStatus.probationary}`} />
      <Tile className='ov-tile--provinces' value={t.provinces} label='省份' />
      <Tile className='ov-tile--flags' value={t.flagsIssued} label='党旗已发放' note={`共${t.groups}个小组`} />
    </View>
  )
}

export function StatusChart({ d }: { d: Dashboard }) {
  const segments = statusSegments(d.politicalStatus)
  const total = segments.reduce((n, s) => n + s.value, 0)
  return (
    <ChartCard title='政治面貌' className='ov-status' side={<Text className='ov-card__side'>共{total}人</Text>}>
      <StackedBar segments={segments} total={total} />
    </ChartCard>
  )
}

/** More provinces than this: the largest shown, the rest behind 展开. */
const PROVINCES_FOLDED = 10

export function ProvincesChart({ d, onProvince }: { d: Dashboard; onProvince: (province: string) => void }) {
  const [open, setOpen] = useState(false)
  const rows = provincesBySize(d.provinces)
  const folds = rows.length > PROVINCES_FOLDED
  const shown = folds && !open ? rows.slice(0, PROVINCES_FOLDED) : rows
  const maxInterns = largest(rows.map((r) => r.interns))
  const maxGroups = largest(rows.map((r) => r.groups))
  return (
    <ChartCard title={`各省分布（${rows.length}）`} className='ov-provinces' side={<Keys keys={[{ tone: 'interns', label: '实习生' }, { tone: 'groups', label: '党小组' }]} />}>
      <View className='ov-provinces__list'>
        {shown.map((r) => (
          <View key={r.province} className='ov-province' hoverClass='ov-pressed' onClick={() => onProvince(r.province)}>
            <Text className='ov-province__name'>{r.province}</Text>
            <View className='ov-province__bars'>
              <HBar tone='interns' value={r.interns} max={maxInterns} text={`${r.interns}人`} />
              <HBar tone='groups' value={r.groups} max={maxGroups} text={`${r.groups}组`} />
            </View>
            <Text className='ov-province__more'>›</Text>
          </View>
        ))}
      </View>
      {folds ? <Text className='ov-provinces__toggle' onClick={() => setOpen(!open)}>{open ? '收起' : `展开全部 ${rows.length} 个省份`}</Text> : null}
      <Text className='ov-card__foot'>点省份查看该省各小组的活动</Text>
    </ChartCard>
  )
}

/** Check-ins and 党小组会 month by month: two columns a month, against the busiest month's check-ins. */
export function ActivityChart({ d }: { d: Dashboard }) {
  const max = largest(d.monthly.flatMap((m) => [m.checkins, m.meetings]))
  return (
    <ChartCard title='每月活动' className='ov-activity' side={<Keys keys={[{ tone: 'checkins', label: '活动打卡' }, { tone: 'meetings', label: '党小组会' }]} />}>
      <View className='ov-columns'>
        {d.monthly.map((m) => (
          <View key={m.month} className='ov-columns__month' aria-label={`${monthLong(m.month)}：活动打卡${m.checkins}次，党小组会${m.meetings}次`}>
            <View className='ov-columns__plot'>
              <View className='ov-col ov-col--checkins'>
                <Text className='ov-col__value'>{m.checkins}</Text>
                <View className='ov-col__bar' style={{ height: `${barPercent(m.checkins, max)}%` }} />
              </View>
              <View className='ov-col ov-col--meetings'>
                <Text className='ov-col__value'>{m.meetings}</Text>
                <View className='ov-col__bar' style={{ height: `${barPercent(m.meetings, max)}%` }} />
              </View>
            </View>
            <Text className='ov-columns__label'>{monthShort(m.month)}</Text>
          </View>
        ))}
      </View>
    </ChartCard>
  )
}

/** Groups that held a 党小组会 and groups silent, month by month: one column a month, the year's groups its height. */
export function MeetingsChart({ d }: { d: Dashboard }) {
  return (
    <ChartCard title='每月开会的小组' className='ov-met' side={<Keys keys={[{ tone: 'met', label: '已开会' }, { tone: 'silent', label: '未开会' }]} />}>
      <View className='ov-columns'>
        {d.monthly.map((m) => {
          const groups = m.groupsMet + m.groupsSilent
          return (
            <View key={m.month} className='ov-columns__month' aria-label={`${monthLong(m.month)}：${m.groupsMet}个小组开会，${m.groupsSilent}个未开会`}>
              <View className='ov-columns__plot ov-columns__plot--stack'>
                <View className='ov-stackcol'>
                  <View className='ov-stackcol__silent' style={{ height: `${barPercent(m.groupsSilent, groups)}%` }} />
                  <View className='ov-stackcol__met' style={{ height: `${barPercent(m.groupsMet, groups)}%` }} />
                </View>
              </View>
              <Text className='ov-columns__label'>{monthShort(m.month)}</Text>
              <Text className='ov-met__n ov-met__n--met'>{m.groupsMet}</Text>
              <Text className='ov-met__n ov-met__n--silent'>{m.groupsSilent}</Text>
            </View>
          )
        })}
      </View>
      <Text className='ov-card__foot'>每列下方：已开会 / 未开会的小组数（本月截至今天）</Text>
    </ChartCard>
  )
}

export function LessonsChart({ d }: { d: Dashboard }) {
  const l = d.lessons
  return (
    <ChartCard title='微党课阅读' className='ov-lessons'>
      <View className='ov-lessons__body'>
        <Ring ratio={l.readRate} label='阅读率' fraction={`已读 ${l.read}/${l.targeted}`} note={`推送 ${l.pushed} 课`} />
        <View className='ov-lessons__months'>
          {d.monthly.map((m) => (
            <View key={m.month} className='ov-lessons__month'>
              <Text className='ov-lessons__label'>{monthShort(m.month)}</Text>
              <HBar tone='read' value={m.lessonRead} max={m.lessonTargeted} text={m.lessonTargeted ? percentText(m.readRate) : '未推送'} />
            </View>
          ))}
        </View>
      </View>
    </ChartCard>
  )
}

export function VolunteerChart({ d }: { d: Dashboard }) {
  const v = d.volunteer
  const all = v.verified + v.unverified
  return (
    <ChartCard title='志愿服务' className='ov-volunteer' side={v.asOf ? <Text className='ov-volunteer__asof'>统计于 {formatDateTime(v.asOf)}</Text> : undefined}>
      <View className='ov-volunteer__figures'>
        <Tile className='ov-tile--verified' value={hoursText(v.verified)} label='已核实' />
        <Tile className='ov-tile--unverified' value={hoursText(v.unverified)} label='待核实（不计入）' />
        <Tile className='ov-tile--records' value={v.records} label='条记录' />
      </View>
      <View className='ov-stack__bar ov-volunteer__bar'>
        {v.verified > 0 ? <View className='ov-stack__seg ov-stack__seg--verified' style={{ width: `${barPercent(v.verified, all)}%` }} /> : null}
        {v.unverified > 0 ? <View className='ov-stack__seg ov-stack__seg--unverified' style={{ width: `${barPercent(v.unverified, all)}%` }} /> : null}
      </View>
    </ChartCard>
  )
}

export function CoverageChart({ d }: { d: Dashboard }) {
  return (
    <ChartCard title='联系与谈心' className='ov-coverage'>
      <View className='ov-coverage__rings'>
        <View className='ov-coverage__circles'>
          <Ring ratio={d.circles.ratio} label='“1+10”覆盖' fraction={`${d.circles.withMentor}/${d.circles.ordinary}人`} note='有联系党员的非党员同学' />
        </View>
        <View className='ov-coverage__talks'>
          <Ring ratio={d.talks.coverage} label={`谈心谈话（${d.term.label}学期）`} fraction={`${d.talks.students}/${d.talks.members}人`} note={`本学期记录 ${d.talks.recorded} 次`} />
        </View>
      </View>
    </ChartCard>
  )
}

export function QuestionsAndAlerts({ d, onKind }: { d: Dashboard; onKind: (kind?: string) => void }) {
  const kinds = alertKindsOf(d.alerts.byKind)
  const max = largest(kinds.map((k) => k.count))
  return (
    <ChartCard title='问题与提醒' className='ov-alerts' side={<Text className='ov-card__link' onClick={() => onKind()}>全部提醒 {d.alerts.total} ›</Text>}>
      <View className='ov-questions'>
        <Tile className='ov-tile--open' value={d.questions.open} label='待答复的问题' />
        <Tile className={d.questions.overdue ? 'ov-tile--overdue ov-tile--warn' : 'ov-tile--overdue'} value={d.questions.overdue} label='已超期' />
      </View>
      <View className='ov-kinds'>
        {kinds.map((k) => (
          <View key={k.kind} className={`ov-kind ov-kind--${k.kind}`} hoverClass='ov-pressed' onClick={() => onKind(k.kind)}>
            <Text className='ov-kind__label'>{k.label}</Text>
            <HBar tone='alert' value={k.count} max={max} />
            <Text className='ov-province__more'>›</Text>
          </View>
        ))}
      </View>
    </ChartCard>
  )
}
