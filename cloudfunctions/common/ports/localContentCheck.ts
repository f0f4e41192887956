/**
 * The content check for local runs and tests: a word list (contentWords.json) of terms
 * refused outright and of topic words held for review. Text is normalised before it is
 * matched, so spacing, punctuation, full-width letters or invisible characters between
 * the characters of a word do not hide it.
 */
import type { CheckResult, ContentCheck } from './contentCheck'
import words from './contentWords.json'

type WordList = Record<string, string[]>

/** Full-width to half-width, lower case, and only letters and digits kept. */
export function normaliseForMatching(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
}

/** [word as matched, category] pairs, normalised like the text. */
const entriesOf = (list: WordList): [string, string][] =>
  Object.entries(list).flatMap(([category, ws]) => ws.map((w): [string, string] => [normaliseForMatching(w), category]))

const RISKY = entriesOf(words.risky)
const REVIEW = entriesOf(words.review)

/** The first listed word in one text (texts are matched one by one: a word never spans two). */
function findIn(texts: string[], entries: [string, string][]): [string, string] | undefined {
  const normalised = texts.map(normaliseForMatching)
  return entries.find(([word]) => normalised.some((t) => t.includes(word)))
}

export const localContentCheck: ContentCheck = {
  async text(texts) {
    const risky = findIn(texts, RISKY)
    if (risky) return { verdict: 'risky', reason: `含有不允许发布的词语“${risky[0]}”（${risky[1]}）` }
    const review = findIn(texts, REVIEW)
    if (review) return { verdict: 'review', reason: `含有需人工审核的词语“${review[0]}”（${review[1]}），审核通过后读者才能看到` }
    return { verdict: 'pass' }
  },
  // Locally there is nothing to look at an image with: media pass.
  async media(): Promise<CheckResult> {
    return { verdict: 'pass' }
  }
}
