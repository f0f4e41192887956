/**
 * 我的培养考察: my own review outcomes and the review due next, in one call
 * (`cultivation.myOutcomes`) — never what my contacts wrote, nor the branch's notes.
 */
import { Text, View } from '@tarojs/components'
import { REVIEW_KIND_LABELS, REVIEW_OUTCOME_LABELS } from '../../../../../types/cultivation'
import PageState from '../../../../components/PageState'
import { usePageData } from '../../../../hooks/usePageData'
import { call } from '../../../../services/cloud'
import { formatDate } from '../../../../services/dates'
import DueBadge from '../../components/DueBadge'
import { statusName } from '../../cultivation'
import '../../cultivation.css'

export default function MyCultivationPage() {
  const page = usePageData(() => call('cultivation', 'myOutcomes', {}), { isEmpty: (d) => !d.underCultivation && !d.outcomes.length })
  const mine = page.data
  return (
    <View className='page cv-page cv-mine'>
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()}
        emptyTitle='你目前不在培养考察中' emptyHint='入党积极分子和预备党员由学校、实习单位两位联系人共同培养考察，结果会显示在这里'>
        {mine ? (
          <>
            <View className='card cv-next'>
              <Text className='card__title'>我的培养考察</Text>
              <Text className='cv-row__meta'>政治面貌：{statusName(mine.politicalStatus)}</Text>
              {mine.nextReview ? (
                <>
                  <Text className='cv-next__when'>下次：{REVIEW_KIND_LABELS[mine.nextReview.kind]} · {formatDate(mine.nextReview.dueOn)}</Text>
                  <View><DueBadge next={mine.nextReview} /></View>
                </>
              ) : <Text className='cv-none'>{mine.underCultivation ? '考察时间待党总支确定' : '没有待进行的考察'}</Text>}
            </View>
            <Text className='section-title'>考察结果</Text>
            <View className='card'>
              {mine.outcomes.length === 0 ? <Text className='cv-none'>还没有考察结果</Text> : null}
              {mine.outcomes.map((o) => (
                <View key={`${o.kind}:${o.dueOn}`} className='cv-review'>
                  <Text className='cv-review__outcome'>{REVIEW_OUTCOME_LABELS[o.outcome]}</Text>
                  <Text className='cv-review__meta'>{REVIEW_KIND_LABELS[o.kind]} · {formatDate(o.reviewedOn)}考察</Text>
                  {o.extendedTo ? <Text className='cv-review__change'>预备期延长至 {formatDate(o.extendedTo)}</Text> : null}
                </View>
              ))}
            </View>
            <Text className='cv-hint'>学校联系人和单位联系人的考察记录由党总支掌握，不向本人展示。</Text>
          </>
        ) : null}
      </PageState>
    </View>
  )
}
