/**
 * What a composer puts into a lesson passes the content check before it is stored
 * (WeChat requires it): every text, the cover and the audio. Refused content is never
 * stored; content held for review is stored but not shown to readers until it passes.
 */
import { invalid } from '../common/errors'
import { CheckResult, contentCheck } from '../common/ports'
import { temporaryUrls } from './files'
import type { LessonDoc, LessonMedia, Quiz, Review } from './model'
import { quizTexts } from './quiz'

const RANK: Record<Review, number> = { pass: 0, review: 1, risky: 2 }
const worst = (results: CheckResult[]): CheckResult =>
  results.reduce((w, r) => (RANK[r.verdict] > RANK[w.verdict] ? r : w), { verdict: 'pass' } as CheckResult)

export interface LessonContent {
  title: string
  summary: string
  body: string
  cover: string | null
  media: LessonMedia | null
  quiz: Quiz | null
}

export interface Checked {
  review: Review
  reviewReason: string | null
  /** the verdict on the files alone, kept while they do not change */
  filesReview: Review
  /** temporary URLs of the files (each checked to exist) */
  urls: Map<string, string>
}

/** The files' verdict: checked again only when a file changed (a media check may take a while to settle). */
async function checkFiles(content: LessonContent, before: Pick<LessonDoc, 'cover' | 'media' | 'filesReview'> | null, openid: string | null): Promise<CheckResult> {
  const unchanged = before && before.cover === content.cover && before.media?.fileID === content.media?.fileID
  if (unchanged) return { verdict: before.filesReview, ...(before.filesReview === 'pass' ? {} : { reason: '封面或音频需人工审核，审核通过后读者才能看到' }) }
  const check = contentCheck()
  const results = await Promise.all([
    content.cover ? check.media(content.cover, 'image', openid) : null,
    // WeChat checks images and audio; a video has no check of its own.
    content.media?.kind === 'audio' ? check.media(content.media.fileID, 'audio', openid) : null
  ])
  return worst(results.filter((r): r is CheckResult => r !== null))
}

/**
 * Checks a lesson's content; refuses what must not be stored (a missing file, risky
 * content) with a message saying what to change.
 */
export async function checkContent(content: LessonContent, before: LessonDoc | null, openid: string | null): Promise<Checked> {
  const texts = [content.title, content.summary, content.body, ...quizTexts(content.quiz)].filter(Boolean)
  const [text, files, urls] = await Promise.all([
    contentCheck().text(texts, openid),
    checkFiles(content, before, openid),
    temporaryUrls([content.cover, content.media?.fileID])
  ])
  if (content.cover && !urls.has(content.cover)) throw invalid('封面文件不存在，请重新上传')
  if (content.media && !urls.has(content.media.fileID)) throw invalid('音视频文件不存在，请重新上传')
  if (text.verdict === 'risky') throw invalid(`${text.reason ?? '内容未通过安全检查'}，请修改后再保存`)
  if (files.verdict === 'risky') throw invalid(`${files.reason ?? '封面或音频未通过安全检查'}，请更换后再保存`)
  const verdict = worst([text, files])
  return { review: verdict.verdict, reviewReason: verdict.verdict === 'pass' ? null : verdict.reason ?? '内容需人工审核', filesReview: files.verdict, urls }
}
