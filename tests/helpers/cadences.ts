/** Generated work cadences the branch may save (`oversight.saveSettings`), for function and page tests alike. */
import fc from 'fast-check'
import { Cadences, cadences as cadencesSchema } from '../../types/actions/oversight'

/** Cadences the contract accepts: silence thresholds ascending and no shorter than the meeting cycle. */
export const validCadences: fc.Arbitrary<Cadences> = fc.integer({ min: 1, max: 6 }).chain((meetingEveryMonths) => fc.record({
  meetingEveryMonths: fc.constant(meetingEveryMonths),
  silentAlertMonths: fc.uniqueArray(fc.integer({ min: meetingEveryMonths, max: 12 }), { minLength: 1, maxLength: 3 }).map((ms) => [...ms].sort((a, b) => a - b)),
  activistReviewMonths: fc.integer({ min: 1, max: 24 }),
  probationWarnDays: fc.integer({ min: 1, max: 180 }),
  lessonUnreadDays: fc.integer({ min: 1, max: 60 }),
  lessonUnreadShare: fc.integer({ min: 5, max: 100 }).map((p) => p / 100),
  questionUnansweredDays: fc.integer({ min: 1, max: 30 }),
  talkFollowUpGraceDays: fc.integer({ min: 0, max: 30 })
})).filter((c) => cadencesSchema.safeParse(c).success)
