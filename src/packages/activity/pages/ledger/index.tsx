/**
 * 工作台账 of a group (`?groupId=&month=`), a month at a time (this month, China time, by
 * default): its check-ins, the lessons pushed to it with read figures, its members' shared
 * notes, volunteer hours and the talks' figures — one `activity.ledger` call, drawn as the function
 * compiles it. 导出全年台账 makes the internship year's .xlsx and opens (weapp) or
 * downloads (H5) it.
 */
import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import PageState, { errorMessage, InlineError } from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import { ROUTES, withQuery } from '../../../../routes'
import { call, CallError } from '../../../../services/cloud'
import { chinaNow, formatDate, formatDateTime } from '../../../../services/dates'
import { openSpreadsheet } from '../../../../services/spreadsheet'
import { hoursText, Ledger, monthLabel, percentText, shiftMonth, TYPE_LABELS } from '../../activity'
import { TALK_FORM_LABELS, TALK_FORMS } from '../../../../../types/actions/talk'
import { internshipYearOf } from '../../../../../types/domain'
import '../../activity.css'

const isMonth = (m: string | undefined): m is string => !!m && /^\d{4}-(0[1-9]|1[0-2])$/.test(m)

/** Nothing recorded in the month: no check-in, lesson, note, volunteer record or talk. */
const isEmptyMonth = (l: Ledger): boolean => l.checkins.total === 0 && !l.lessons.length && l.notes.count === 0 && l.volunteer.records === 0 && l.talks.count === 0

function MonthPicker({ month, latest, onChange }: { month: string; latest: string; onChange: (m: string) => void }) {
  return (
    <View className='ledger-months'>
      <Button size='small' className='ledger-months__prev' onClick={() => onChange(shiftMonth(month, -1))}>‹ 上月</Button>
      <Picker mode='date' fields='month' value={month} end={latest} onChange={(e) => onChange(String(e.detail.value).slice(0, 7))}>
        <View className='ledger-months__current'>{monthLabel(month)} ▾</View>
      </Picker>
      <Button size='small' className='ledger-months__next' disabled={month >= latest} onClick={() => onChange(shiftMonth(month, 1))}>下月 ›</Button>
    </View>
  )
}

function Figure({ value, label, strong = false }: { value: string | number; label: string; strong?: boolean }) {
  return (
    <View className='ledger-figure'>
      <Text className={strong ? 'ledger-figure__value ledger-figure__value--ok' : 'ledger-figure__value'}>{value}</Text>
      <Text className='ledger-figure__label'>{label}</Text>
    </View>
  )
}

function CheckinsSection({ checkins }: { checkins: Ledger['checkins'] }) {
  return (
    <View className='card ledger-section ledger-section--checkins'>
      <Text className='card__title'>活动（{checkins.total}）</Text>
      {checkins.items.length ? checkins.items.map((c) => (
        <View key={c.id} className='ledger-row' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.activityDetail, { checkinId: c.id }) })}>
          <Text className='ledger-row__title'>{TYPE_LABELS[c.type]} · {formatDateTime(c.heldAt)} · {c.place}</Text>
          <Text className='ledger-row__meta'>{c.content}</Text>
          <Text className='ledger-row__meta'>已确认 {c.counts.confirmed}/列入 {c.counts.listed + c.counts.confirmed}{c.counts.requested ? ` · 待审批补登 ${c.counts.requested}` : ''}</Text>
        </View>
      )) : <Text className='ledger-none'>本月没有活动打卡</Text>}
    </View>
  )
}

function LessonsSection({ lessons }: { lessons: Ledger['lessons'] }) {
  return (
    <View className='card ledger-section ledger-section--lessons'>
      <Text className='card__title'>微党课学习（{lessons.length}）</Text>
      {lessons.length ? lessons.map((l) => (
        <View key={l.lessonId} className='ledger-row'>
          <Text className='ledger-row__title'>{l.title}</Text>
          <Text className='ledger-row__meta'>{formatDate(l.publishAt)} · 已读 {l.read}/{l.targeted} · 阅读率 {percentText(l.readRate)}</Text>
          <Text className='ledger-row__meta'>答题 {l.answered} 人 · {l.quizAverage === null ? '暂无答题成绩' : `平均得分 ${l.quizAverage}%`}</Text>
        </View>
      )) : <Text className='ledger-none'>本月没有推送给小组的微党课</Text>}
    </View>
  )
}

function NotesSection({ notes }: { notes: Ledger['notes'] }) {
  return (
    <View className='card ledger-section ledger-section--notes'>
      <Text className='card__title'>学习笔记（{notes.count}）</Text>
      {notes.latest.length ? notes.latest.map((n) => (
        <View key={n.id} className='ledger-row'>
          <Text className='ledger-row__title'>{n.excerpt}</Text>
          <Text className='ledger-row__meta'>{n.authorName} · {formatDateTime(n.createdAt)}{n.lessonTitle ? ` · 学习：${n.lessonTitle}` : ''}</Text>
        </View>
      )) : <Text className='ledger-none'>本月没有分享的学习笔记</Text>}
    </View>
  )
}

function VolunteerSection({ volunteer }: { volunteer: Ledger['volunteer'] }) {
  return (
    <View className='card ledger-section ledger-section--volunteer'>
      <Text className='card__title'>志愿服务</Text>
      <View className='ledger-figures'>
        <Figure value={hoursText(volunteer.verified)} label='已核实' strong />
        <Figure value={hoursText(volunteer.unverified)} label='待核实（不计入）' />
        <Figure value={volunteer.records} label='条记录' />
        <Figure value={volunteer.people} label='人参加' />
      </View>
    </View>
  )
}

/** The month's talks as figures: how many, with how many students, by form (the ledger names no one). */
function TalksSection({ talks }: { talks: Ledger['talks'] }) {
  return (
    <View className='card ledger-section ledger-section--talks'>
      <Text className='card__title'>谈心谈话（{talks.count}）</Text>
      {talks.count ? (
        <View className='ledger-figures'>
          <Figure value={talks.students} label='名同学' strong />
          {TALK_FORMS.map((f) => <Figure key={f} value={talks.forms[f]} label={TALK_FORM_LABELS[f]} />)}
        </View>
      ) : <Text className='ledger-none'>本月没有记录谈心谈话</Text>}
    </View>
  )
}

function LedgerView({ ledger }: { ledger: Ledger }) {
  const g = ledger.group
  return (
    <View className='ledger-sections'>
      <View className='card ledger-head'>
        <View>
          <Text className='card__title'>{g.name}</Text>
          <Text className='card__subtitle'>{g.province} · 联络员 {g.liaisonName ?? '待确定'} · 指导教师 {g.advisorNames.length ? g.advisorNames.join('、') : '待指定'}</Text>
        </View>
      </View>
      <CheckinsSection checkins={ledger.checkins} />
      <LessonsSection lessons={ledger.lessons} />
      <NotesSection notes={ledger.notes} />
      <VolunteerSection volunteer={ledger.volunteer} />
      <TalksSection talks={ledger.talks} />
    </View>
  )
}

/** 导出全年台账: the internship year of the month shown. */
function ExportButton({ groupId, month }: { groupId: string; month: string }) {
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null)
  const year = internshipYearOf(month)
  const exportYear = async (): Promise<void> => {
    if (busy) return
    setBusy(true)
    setNote(null)
    try {
      const out = await call('activity', 'exportLedger', { groupId, year })
      await openSpreadsheet(out.url, `工作台账-${year}.xlsx`)
      setNote({ text: process.env.TARO_ENV === 'weapp' ? '已生成并打开' : `已开始下载；如未开始，可复制链接下载：${out.url}`, error: false })
    } catch (e) {
      setNote({ text: errorMessage(asCallError(e)), error: true })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='ledger-export'>
      <Button block loading={busy} className='ledger-export__button' onClick={() => void exportYear()}>导出全年台账（{year}学年）</Button>
      {note ? <Text className={note.error ? 'ledger-export__note act-form__problem' : 'ledger-export__note'}>{note.text}</Text> : null}
    </View>
  )
}

export default function Page() {
  const params = useRouter().params
  const groupId = params.groupId ?? ''
  const latest = chinaNow().month
  const [month, setMonth] = useState(isMonth(params.month) ? params.month : latest)
  const page = usePageData(async () => {
    if (!groupId) throw new CallError('INVALID_ARGUMENT', '缺少党小组编号，请从小组页面进入')
    return call('activity', 'ledger', { groupId, month })
  }, { deps: [groupId, month], isEmpty: isEmptyMonth })
  const name = page.data?.group.name
  useEffect(() => { if (name) void Taro.setNavigationBarTitle({ title: `${name} · 工作台账` }).catch(() => undefined) }, [name])
  return (
    <View className='page act-ledger'>
      <MonthPicker month={month} latest={latest} onChange={setMonth} />
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} skeletonRows={10} emptyTitle={`${monthLabel(month)}还没有记录`} emptyHint='本月的活动打卡、微党课学习、学习笔记、志愿服务和谈心谈话会自动汇入台账；可切换到其他月份查看'>
        {page.refreshing ? null : <InlineError error={page.error} onRetry={() => void page.reload()} />}
        {page.data ? <LedgerView ledger={page.data} /> : null}
      </PageState>
      {groupId ? <ExportButton groupId={groupId} month={month} /> : null}
    </View>
  )
}
