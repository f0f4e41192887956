import { Text, View } from '@tarojs/components'
import { REVIEW_KIND_LABELS, REVIEW_OUTCOME_LABELS } from '../../../../types/cultivation'
import { formatDate } from '../../../services/dates'
import { CultivationFile, statusName } from '../cultivation'

/** The branch's reviews of the person, newest first: outcome, the day due and held, the note, what changed. */
export default function Reviews({ reviews }: { reviews: CultivationFile['reviews'] }) {
  if (!reviews.length) return <Text className='cv-none'>还没有考察结果</Text>
  return (
    <View className='cv-reviews'>
      {reviews.map((r) => (
        <View key={r.id} className='cv-review'>
          <Text className='cv-review__outcome'>{REVIEW_OUTCOME_LABELS[r.outcome]}</Text>
          <Text className='cv-review__meta'>{REVIEW_KIND_LABELS[r.kind]} · {formatDate(r.dueOn)}到期 · {formatDate(r.reviewedOn)}考察 · {r.decidedByName}记录</Text>
          {r.statusChange ? <Text className='cv-review__change'>{statusName(r.statusChange.from)} → {statusName(r.statusChange.to)}</Text> : null}
          {r.extendedTo ? <Text className='cv-review__change'>预备期延长至 {formatDate(r.extendedTo)}</Text> : null}
          {r.note ? <Text className='cv-review__note'>{r.note}</Text> : null}
        </View>
      ))}
    </View>
  )
}
