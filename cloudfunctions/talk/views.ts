/** Talks as the contract shows them. */
import type { z } from 'zod'
import type { talkItem, talkView } from '../../types/actions/talk'
import type { TalkDoc } from './model'

/** The fields a list reads. */
export const ITEM_FIELDS = {
  groupId: true, studentId: true, studentName: true, recorderId: true, recorderName: true, recorderRole: true,
  date: true, form: true, topic: true, followUp: true, followUpDue: true, followUpDone: true, key: true
}

export type TalkItemDoc = Pick<TalkDoc, '_id' | keyof typeof ITEM_FIELDS>

export const talkItemOf = (t: TalkItemDoc): z.input<typeof talkItem> => ({
  id: t._id, groupId: t.groupId, studentId: t.studentId, studentName: t.studentName, recorderId: t.recorderId, recorderName: t.recorderName,
  recorderRole: t.recorderRole, date: t.date, form: t.form, topic: t.topic, followUp: t.followUp, followUpDue: t.followUpDue, followUpDone: t.followUpDone
})

export const talkViewOf = (t: TalkDoc): z.input<typeof talkView> => ({
  ...talkItemOf(t), summary: t.summary, year: t.year, term: t.term,
  createdAt: new Date(t.createdAt).toISOString(), updatedAt: new Date(t.updatedAt).toISOString()
})
