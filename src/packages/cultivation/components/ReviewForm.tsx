import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Picker, Text, Textarea, View } from '@tarojs/components'
import { CULTIVATION_LIMITS, OUTCOMES_OF, REVIEW_KIND_LABELS, REVIEW_OUTCOME_LABELS, ReviewOutcome } from '../../../../types/cultivation'
import { errorMessage } from '../../../components/PageState'
import { Button } from '../../../components/ui'
import { asCallError } from '../../../hooks/usePageData'
import { call } from '../../../services/cloud'
import { chinaNow, formatDate } from '../../../services/dates'
import { confirmLines, CultivationFile, decisionLines, Decision, NextReview } from '../cultivation'

/**
 * 记录考察结果 (the branch): the outcome of the review due, the day it was held, a note, and
 * for 延长预备期 the new end of probation. Recording first asks with exactly what changes
 * (张三：预备党员 → 正式党员); the function's refusal is shown in place.
 */
export default function ReviewForm({ file, next, onRecorded }: { file: CultivationFile; next: NextReview; onRecorded: (lines: string[]) => void }) {
  const today = chinaNow().date
  const [outcome, setOutcome] = useState<ReviewOutcome | null>(null)
  const [reviewedOn, setReviewedOn] = useState(today)
  const [extendedTo, setExtendedTo] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const record = async (): Promise<void> => {
    if (busy) return
    if (!outcome) return setProblem('请选择考察结果')
    if (outcome === 'extended' && !extendedTo) return setProblem('请选择延长后的预备期满日期')
    const decision: Decision = { kind: next.kind, dueOn: next.dueOn, outcome, reviewedOn, ...(outcome === 'extended' && extendedTo ? { extendedTo } : {}) }
    const lines = decisionLines(file.name, file.politicalStatus, decision)
    if (!(await confirmLines('确认记录考察结果', lines))) return
    setBusy(true)
    setProblem(null)
    try {
      await call('cultivation', 'recordReview', { personId: file.personId, ...decision, note: note.trim() })
      void Taro.showToast({ title: '已记录', icon: 'success' })
      onRecorded(lines)
    } catch (e) {
      setProblem(errorMessage(asCallError(e)))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='cv-form cv-review-form'>
      <Text className='card__title'>记录考察结果</Text>
      <Text className='cv-hint'>{REVIEW_KIND_LABELS[next.kind]} · {formatDate(next.dueOn)}到期</Text>
      <Text className='cv-label'>考察结果</Text>
      <View className='cv-chips' role='radiogroup' aria-label='考察结果'>
        {OUTCOMES_OF[next.kind].map((o) => (
          <View key={o} role='radio' aria-checked={o === outcome} className={`cv-chip cv-outcome-choice ${o === outcome ? 'cv-chip--on' : ''}`} onClick={() => { setOutcome(o); setProblem(null) }}><Text>{REVIEW_OUTCOME_LABELS[o]}</Text></View>
        ))}
      </View>
      <Text className='cv-label'>考察日期</Text>
      <Picker mode='date' value={reviewedOn} end={today} onChange={(e) => setReviewedOn(String(e.detail.value))}>
        <View className='cv-field cv-review-form__date'>{reviewedOn}</View>
      </Picker>
      {outcome === 'extended' ? (
        <>
          <Text className='cv-label'>延长后的预备期满日期（延长不超过一年）</Text>
          <Picker mode='date' value={extendedTo ?? next.dueOn} start={next.dueOn} onChange={(e) => { setExtendedTo(String(e.detail.value)); setProblem(null) }}>
            <View className='cv-field cv-review-form__extended'>{extendedTo ?? '请选择'}</View>
          </Picker>
        </>
      ) : null}
      <Text className='cv-label'>考察意见（选填）</Text>
      <Textarea className='cv-field cv-field--text cv-review-form__note textarea-fill' value={note} maxlength={CULTIVATION_LIMITS.note} placeholder='支部讨论意见、需改进之处等' onInput={(e) => setNote(e.detail.value)} />
      {problem ? <Text className='cv-problem'>{problem}</Text> : null}
      <Button type='primary' block loading={busy} className='cv-review-form__submit' onClick={() => void record()}>记录考察结果</Button>
    </View>
  )
}
