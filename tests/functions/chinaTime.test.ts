/**
 * China's clock for the functions: every form of a time (day, month, minute, the sentence
 * form subscription messages carry) agrees with dayjs reading the same instant at UTC+8,
 * including the instants where China's day, month or year has turned and UTC's has not.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import fc from 'fast-check'
import { chinaDay, chinaMinute, chinaMinuteText, chinaMonth } from '../../cloudfunctions/common/chinaTime'

dayjs.extend(utc)

const instant = fc.oneof(
  fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true }),
  // the eight hours after midnight in China, when UTC still reads the day before
  fc.tuple(fc.integer({ min: 2024, max: 2030 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 8 * 60 - 1 }))
    .map(([y, m, minutes]) => new Date(Date.UTC(y, m, 1) - 8 * 3600_000 + minutes * 60_000))
)

it('reads every instant as China does, in each of its forms', () => {
  fc.assert(fc.property(instant, (at) => {
    const china = dayjs(at).utcOffset(480)
    expect(chinaDay(at)).toBe(china.format('YYYY-MM-DD'))
    expect(chinaMonth(at)).toBe(china.format('YYYY-MM'))
    expect(chinaMinute(at)).toBe(china.format('YYYY-MM-DD HH:mm'))
    expect(chinaMinute(at.toISOString())).toBe(chinaMinute(at))
    expect(chinaMinuteText(at)).toBe(china.format('YYYY年M月D日 HH:mm'))
  }), { numRuns: 300 })
  expect(chinaMinuteText(new Date('2026-09-30T16:05:00Z'))).toBe('2026年10月1日 00:05')
  expect(chinaMonth(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01')
})
