/** The content check for local runs and tests: a word list (refused words, words held for review). */
import type { CheckResult, ContentCheck } from './contentCheck'

const RISKY = ['赌博', '色情', '枪支']
const REVIEW = ['待审核']

export const localContentCheck: ContentCheck = {
  async text(texts) {
    const all = texts.join('\n')
    const risky = RISKY.find((w) => all.includes(w))
    if (risky) return { verdict: 'risky', reason: `内容含有不允许发布的词语“${risky}”` }
    const review = REVIEW.find((w) => all.includes(w))
    if (review) return { verdict: 'review', reason: '内容需人工审核，审核通过后读者才能看到' }
    return { verdict: 'pass' }
  },
  async media(): Promise<CheckResult> {
    return { verdict: 'pass' }
  }
}
