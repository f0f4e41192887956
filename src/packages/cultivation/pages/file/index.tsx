/**
 * A person's cultivation file (`?personId=`), in one call (`cultivation.get`): who they are
 * (status, group, the days on record), their two contacts, the review due, both sides'
 * observations together (side by side on a wide screen, stacked on a phone; more on
 * request), and the branch's reviews. A contact finds 记录考察情况; the branch 指定联系人
 * and 记录考察结果. Anyone else is refused by the function, and the page says so.
 */
import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { REVIEW_KIND_LABELS } from '../../../../../types/cultivation'
import PageState, { errorMessage } from '../../../../components/PageState'
import { Button } from '../../../../components/ui'
import { asCallError, usePageData } from '../../../../hooks/usePageData'
import { ROUTES, withQuery } from '../../../../routes'
import { call } from '../../../../services/cloud'
import { formatDate } from '../../../../services/dates'
import DueBadge from '../../components/DueBadge'
import Observations from '../../components/Observations'
import ReviewForm from '../../components/ReviewForm'
import Reviews from '../../components/Reviews'
import { CultivationFile, statusName } from '../../cultivation'
import '../../cultivation.css'

type Observation = CultivationFile['observations']['items'][number]

export default function CultivationFilePage() {
  const personId = useRouter().params.personId ?? ''
  const page = usePageData(() => call('cultivation', 'get', { personId }))
  const [more, setMore] = useState<{ items: Observation[]; cursor: string | null; loading: boolean; error: string | null } | null>(null)
  const [recorded, setRecorded] = useState<string[] | null>(null)
  const [shown, setShown] = useState(false)
  // Back from recording an observation or naming contacts: show it.
  useDidShow(() => {
    if (shown) {
      setMore(null)
      void page.reload()
    }
    setShown(true)
  })
  const file = page.data

  const loadMore = async (): Promise<void> => {
    const cursor = more ? more.cursor : file?.observations.nextCursor
    if (!cursor || more?.loading) return
    setMore((m) => ({ items: m?.items ?? [], cursor, loading: true, error: null }))
    try {
      const next = await call('cultivation', 'get', { personId, cursor })
      setMore((m) => ({ items: [...(m?.items ?? []), ...next.observations.items], cursor: next.observations.nextCursor, loading: false, error: null }))
    } catch (e) {
      setMore((m) => ({ items: m?.items ?? [], cursor, loading: false, error: errorMessage(asCallError(e)) }))
    }
  }

  const afterReview = async (lines: string[]) => {
    setRecorded(lines)
    setMore(null)
    await page.reload()
  }

  const observations = file ? [...file.observations.items, ...(more?.items ?? [])] : []
  const hasMore = more ? !!more.cursor : !!file?.observations.nextCursor
  return (
    <View className='page cv-page cv-file'>
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} errorTitle='无法查看培养考察档案' skeletonRows={8}>
        {file ? (
          <>
            {recorded ? (
              <View className='card cv-outcome'>
                <Text className='card__title'>已记录考察结果</Text>
                {recorded.map((l) => <Text key={l} className='cv-hint'>{l}</Text>)}
              </View>
            ) : null}
            <View className='cv-file__cols'>
              <View className='cv-file__col'>
                <View className='card cv-file__head'>
                  <View className='cv-row__head'>
                    <Text className='cv-row__name'>{file.name}</Text>
                    <Text className={`cv-status cv-status--${file.politicalStatus ?? 'none'}`}>{statusName(file.politicalStatus)}</Text>
                  </View>
                  <Text className='cv-row__meta'>{[file.groupName ?? '尚未编组', file.no, file.year].filter(Boolean).join(' · ')}</Text>
                  <View className='cv-file__facts'>
                    {file.activistSince ? <Text>确定为积极分子：{formatDate(file.activistSince)}</Text> : null}
                    {file.joinedPartyAt ? <Text>入党：{formatDate(file.joinedPartyAt)}</Text> : null}
                    {file.probationEndsAt && file.politicalStatus === 'probationary' ? <Text>预备期满：{formatDate(file.probationEndsAt)}</Text> : null}
                  </View>
                </View>
                <View className='card cv-file__contacts'>
                  <Text className='card__title'>联系人</Text>
                  <View className='cv-file__contact'><Text className='cv-file__contact-label'>学校联系人（入党联系人）</Text><Text>{file.contacts.school?.name ?? '未指定'}</Text></View>
                  <View className='cv-file__contact'><Text className='cv-file__contact-label'>单位联系人（带教老师党员）</Text><Text>{file.contacts.unit?.name ?? '未指定'}</Text></View>
                  <View className='cv-file__actions'>
                    {file.canObserve ? (
                      <Button type='primary' className='cv-file__observe' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.cultivationObserve, { personId: file.personId, name: file.name }) })}>记录考察情况</Button>
                    ) : null}
                    {file.suggestions ? (
                      <Button className='cv-file__assign' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.cultivationAssign, { personId: file.personId }) })}>指定联系人</Button>
                    ) : null}
                  </View>
                </View>
              </View>
              <View className='cv-file__col'>
                <View className='card cv-next'>
                  <Text className='card__title'>下次考察</Text>
                  {file.nextReview ? (
                    <>
                      <Text className='cv-next__when'>{REVIEW_KIND_LABELS[file.nextReview.kind]} · {formatDate(file.nextReview.dueOn)}</Text>
                      <View><DueBadge next={file.nextReview} /></View>
                      {file.nextReview.kind === 'sixMonth' ? <Text className='cv-hint'>确定为积极分子或上次考察后每 {file.reviewMonths} 个月考察一次</Text> : null}
                    </>
                  ) : <Text className='cv-none'>{file.politicalStatus === 'activist' ? '名单中没有确定为积极分子的日期，无法确定考察时间' : '没有待进行的考察'}</Text>}
                </View>
                {file.canReview && file.nextReview ? (
                  <View className='card'><ReviewForm key={`${file.nextReview.kind}:${file.nextReview.dueOn}`} file={file} next={file.nextReview} onRecorded={(lines) => void afterReview(lines)} /></View>
                ) : null}
              </View>
            </View>
            <Text className='section-title'>考察情况（新的在前）</Text>
            <Observations items={observations} counts={file.counts} />
            {more?.error ? <Text className='cv-problem'>{more.error}</Text> : null}
            {hasMore ? <Text className='cv-more' onClick={() => void loadMore()}>{more?.loading ? '加载中…' : '加载更早的考察情况'}</Text> : null}
            <Text className='section-title'>考察结果</Text>
            <View className='card'><Reviews reviews={file.reviews} /></View>
          </>
        ) : null}
      </PageState>
    </View>
  )
}
