/**
 * 阅读情况 of a lesson (`?lessonId=`): totals and each group's read rate, answers and quiz
 * average, the groups needing attention first; a tap on a group lists who has not read;
 * pull down for the live figures; export to .xlsx. One call (`lesson.figures`) for the screen.
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import FiguresTable, { type GroupFigures } from '../../../../components/FiguresTable'
import PageState, { errorMessage } from '../../../../components/PageState'
import ReadRate from '../../../../components/ReadRate'
import { quizAverageLabel } from '../../../../components/ReadRate/figures'
import { Button } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import { ROUTES, withQuery } from '../../../../routes'
import { call, CallError } from '../../../../services/cloud'
import { EXPORT_NAME, openSpreadsheet } from './exportFigures'
import UnreadPopup, { type UnreadGroup } from './UnreadPopup'
import './index.css'

type ExportState = { status: 'idle' } | { status: 'busy' } | { status: 'ready'; url: string } | { status: 'failed'; message: string }

function ExportBar({ lessonId }: { lessonId: string }) {
  const [state, setState] = useState<ExportState>({ status: 'idle' })
  const run = async () => {
    if (state.status === 'busy') return
    setState({ status: 'busy' })
    try {
      const { url } = await call('lesson', 'exportFigures', { lessonId })
      await openSpreadsheet(url)
      setState(process.env.TARO_ENV === 'weapp' ? { status: 'idle' } : { status: 'ready', url })
    } catch (e) {
      setState({ status: 'failed', message: errorMessage(asCallError(e)) })
    }
  }
  return (
    <View className='figures-export'>
      <Button className='figures-export__button' loading={state.status === 'busy'} disabled={state.status === 'busy'} onClick={() => void run()}>导出 Excel</Button>
      {state.status === 'ready'
        ? <a className='figures-export__link' href={state.url} target='_blank' rel='noopener noreferrer' download={EXPORT_NAME}>没有开始下载？点此下载 {EXPORT_NAME}（链接短时间内有效）</a>
        : null}
      {state.status === 'failed' ? <View className='figures-export__error' role='alert'><Text>{state.message}</Text></View> : null}
    </View>
  )
}

const missingLesson = new CallError('INVALID_ARGUMENT', '链接不完整：没有指明要查看哪一课')

export default function Page() {
  const { params } = useRouter()
  const lessonId = params.lessonId ? decodeURIComponent(params.lessonId) : ''
  const page = usePageData(() => call('lesson', 'figures', { lessonId }), { deps: [lessonId], enabled: !!lessonId })
  const [open, setOpen] = useState<UnreadGroup | null>(null)
  const data = page.data
  const t = data?.totals
  const hasQuiz = !!t && (t.answered > 0 || t.quizAverage !== null)

  if (!lessonId) return <View className='page figures-page'><PageState status='error' error={missingLesson} /></View>
  return (
    <View className='page figures-page'>
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} skeletonRows={8}>
        {data && t
          ? (
            <>
              <View className='card figures-total'>
                <Text className='card__title'>{data.title}</Text>
                <Text className='card__subtitle'>应读 {t.targeted} 人 · 已读 {t.read} 人{page.refreshing ? ' · 正在刷新…' : ''}</Text>
                <View className='figures-total__rate'><ReadRate read={t.read} targeted={t.targeted} readRate={t.readRate} /></View>
                <Text className='figures-total__quiz'>{hasQuiz ? `测验：${t.answered}人作答 · ${quizAverageLabel(t.quizAverage)}` : '测验：暂无作答'}</Text>
                <View className='figures-total__actions'>
                  <ExportBar lessonId={lessonId} />
                  <Button className='figures-total__edit' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.lessonEdit, { lessonId }) })}>编辑课程</Button>
                </View>
                <Text className='figures-total__hint'>
                  {process.env.TARO_ENV === 'weapp' ? '下拉可刷新为最新数据 · ' : ''}
                  <Text className='figures-total__refresh' onClick={() => void page.reload()}>刷新</Text>
                </Text>
              </View>
              <Text className='section-title'>各党小组（{data.groups.length}个），点一个小组查看未读名单</Text>
              {data.groups.length
                ? <View className='card'><FiguresTable groups={data.groups} hasQuiz={hasQuiz} onOpen={(g: GroupFigures) => setOpen({ groupId: g.groupId, groupName: g.groupName })} /></View>
                : <View className='card'><Text className='muted'>这节课还没有推送到任何党小组</Text></View>}
            </>
            )
          : null}
      </PageState>
      <UnreadPopup lessonId={lessonId} group={open} onClose={() => setOpen(null)} />
    </View>
  )
}
