/**
 * 总览 (`?year=`): the internship year at a glance in one `oversight.dashboard` call — the
 * branch sees every group, an advisor their own (the function decides). Charts of people,
 * provinces, months, lessons, hours, coverage, questions and alerts, each with its
 * numbers; a province opens the groups' activity grid, an alert kind the alerts. For the
 * branch, the year-end export and the cadence settings.
 */
import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageState, { errorMessage, InlineError } from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import { ROUTES, withQuery } from '../../../../routes'
import { call } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/dates'
import { openSpreadsheet } from '../../../../services/spreadsheet'
import { ActivityChart, CoverageChart, LessonsChart, MeetingsChart, ProvincesChart, QuestionsAndAlerts, StatusChart, TotalsTiles, VolunteerChart } from '../../components/DashboardCharts'
import type { Dashboard } from '../../oversight'
import '../../oversight.css'

const isYear = (y: string | undefined): y is string => !!y && /^\d{4}-\d{4}$/.test(y)

function YearChips({ years, year, onYear }: { years: string[]; year: string | undefined; onYear: (y: string) => void }) {
  if (years.length < 2) return null
  return (
    <View className='ov-chips ov-years'>
      {years.map((y) => (
        <Text key={y} className={y === year ? 'ov-chip ov-chip--on' : 'ov-chip'} onClick={() => onYear(y)}>{y}学年</Text>
      ))}
    </View>
  )
}

type By = 'group' | 'person'
const BY_LABELS: Record<By, string> = { group: '按小组', person: '按个人' }

/** 年度导出 (the branch): the year shown, by group or by person, opened (weapp) or downloaded (H5). */
function ExportCard({ year }: { year: string }) {
  const [busy, setBusy] = useState<By | null>(null)
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null)
  const exportBy = async (by: By): Promise<void> => {
    if (busy) return
    setBusy(by)
    setNote(null)
    try {
      const out = await call('oversight', 'exportYear', { year, by })
      await openSpreadsheet(out.url, `年度档案-${BY_LABELS[by]}-${year}.xlsx`)
      const what = `${out.rows}${by === 'group' ? '个小组' : '人'}`
      setNote({ text: process.env.TARO_ENV === 'weapp' ? `已导出${what}并打开` : `已导出${what}；如未开始下载，可复制链接：${out.url}`, error: false })
    } catch (e) {
      setNote({ text: errorMessage(asCallError(e)), error: true })
    } finally {
      setBusy(null)
    }
  }
  return (
    <View className='card ov-card ov-export'>
      <Text className='ov-card__title'>年度导出（{year}学年）</Text>
      <Text className='ov-card__foot'>台账、志愿时长、微党课、学习笔记、谈心谈话，导出为 Excel 存档或用于毕业时组织关系转接</Text>
      <View className='ov-export__buttons'>
        <Button className='ov-export__group' loading={busy === 'group'} disabled={busy !== null} onClick={() => void exportBy('group')}>按小组导出</Button>
        <Button className='ov-export__person' loading={busy === 'person'} disabled={busy !== null} onClick={() => void exportBy('person')}>按个人导出</Button>
      </View>
      {note ? <Text className={note.error ? 'ov-note ov-note--error' : 'ov-note'}>{note.text}</Text> : null}
    </View>
  )
}

function Links({ d }: { d: Dashboard }) {
  const go = (url: string) => void Taro.navigateTo({ url })
  return (
    <View className='ov-links'>
      <Text className='ov-link ov-link--grid' onClick={() => go(withQuery(ROUTES.groupActivity, { year: d.year }))}>各小组活动 ›</Text>
      <Text className='ov-link ov-link--alerts' onClick={() => go(ROUTES.alerts)}>提醒{d.alerts.total ? `（${d.alerts.total}）` : ''} ›</Text>
      {d.scope === 'branch' ? <Text className='ov-link ov-link--settings' onClick={() => go(ROUTES.cadenceSettings)}>工作节奏设置 ›</Text> : null}
    </View>
  )
}

function DashboardView({ d }: { d: Dashboard }) {
  const openProvince = (province: string) => void Taro.navigateTo({ url: withQuery(ROUTES.groupActivity, { year: d.year, province }) })
  const openAlerts = (kind?: string) => void Taro.navigateTo({ url: withQuery(ROUTES.alerts, { kind }) })
  return (
    <View className='ov-dash__body'>
      <TotalsTiles d={d} />
      <Links d={d} />
      <View className='ov-grid'>
        <StatusChart d={d} />
        <QuestionsAndAlerts d={d} onKind={openAlerts} />
        <ProvincesChart d={d} onProvince={openProvince} />
        <ActivityChart d={d} />
        <MeetingsChart d={d} />
        <LessonsChart d={d} />
        <CoverageChart d={d} />
        <VolunteerChart d={d} />
      </View>
      {d.scope === 'branch' ? <ExportCard year={d.year} /> : null}
    </View>
  )
}

export default function Page() {
  const params = useRouter().params
  const [year, setYear] = useState<string | undefined>(isYear(params.year) ? params.year : undefined)
  const page = usePageData(() => call('oversight', 'dashboard', year ? { year } : {}), { deps: [year], isEmpty: (d) => d.totals.groups === 0 })
  // The year chips stay while another year loads.
  const [years, setYears] = useState<string[]>([])
  const d = page.data
  useEffect(() => { if (d) setYears(d.years) }, [d])
  const shown = d?.year ?? year
  const advisor = d?.scope === 'advisor'
  useEffect(() => { if (advisor) void Taro.setNavigationBarTitle({ title: '所带小组总览' }).catch(() => undefined) }, [advisor])
  return (
    <View className='page ov-page ov-dash'>
      <View className='ov-head'>
        <View className='ov-head__titles'>
          <Text className='ov-head__title'>{shown ? `${shown}学年` : '年度'}{advisor ? '所带小组总览' : '总览'}</Text>
          {d ? <Text className='ov-head__asof'>数据截至 {formatDateTime(d.asOf)}{d.scope === 'branch' ? ' · 全部党小组' : ' · 我指导的党小组'}</Text> : null}
        </View>
        <YearChips years={years} year={shown} onYear={(y) => { if (y !== shown) setYear(y) }} />
      </View>
      <PageState
        status={page.status}
        error={page.error}
        onRetry={() => void page.reload()}
        errorTitle={page.error?.code === 'PERMISSION_DENIED' ? '无法查看总览' : undefined}
        emptyTitle={`${shown ?? '本'}学年还没有${advisor ? '你指导的' : ''}党小组`}
        emptyHint={years.length > 1 ? '可切换到其他学年查看' : advisor ? '党总支为你指定指导的小组后，这里会显示它们的情况' : '导入名单并组建党小组后，这里会显示全系的情况'}
        skeletonRows={12}
      >
        {page.refreshing ? null : <InlineError error={page.error} onRetry={() => void page.reload()} />}
        {d ? <DashboardView d={d} /> : null}
      </PageState>
    </View>
  )
}
