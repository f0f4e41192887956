/**
 * What a composer puts into a lesson passes the content check before it is stored
 * (WeChat requires it): every text, the cover and the audio, through common's
 * `screenContent`. Refused content is never stored; content held for review is stored but
 * not shown to readers until it passes. A media check that finishes later leaves its trace
 * id on the lesson, where its verdict is applied when it arrives (mediaVerdicts.ts).
 */
import { invalid } from '../common/errors'
import { MediaToScreen, screenContent, Screened } from '../common/ports'
import { temporaryUrls } from '../common/storage'
import type { LessonDoc, LessonMedia, Quiz, Review } from './model'
import { quizTexts } from './quiz'

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
  /** the verdict on the texts alone */
  textReview: Review
  /** the verdict on the files alone, kept while they do not change */
  filesReview: Review
  /** trace ids of the files' checks still to finish, kept while the files do not change */
  mediaTraceIds: string[]
  /** temporary URLs of the files (each checked to exist) */
  urls: Map<string, string>
}

const FILES_HELD = '封面或音频需人工审核，审核通过后读者才能看到'

type Before = Pick<LessonDoc, 'cover' | 'media' | 'filesReview' | 'mediaTraceIds'>

/** The files' verdict: checked again only when a file changed (a media check may take a while to settle). */
async function screenFiles(content: LessonContent, before: Before | null, openid: string | null): Promise<Screened> {
  const unchanged = before && before.cover === content.cover && before.media?.fileID === content.media?.fileID
  if (unchanged) {
    const traceIds = (before.mediaTraceIds ?? []).map((traceId) => ({ fileID: '', traceId }))
    return before.filesReview === 'pass' ? { verdict: 'pass', traceIds } : { verdict: 'review', reason: FILES_HELD, traceIds }
  }
  const media: MediaToScreen[] = []
  if (content.cover) media.push({ fileID: content.cover, kind: 'image', what: '封面图片' })
  // WeChat checks images and audio; a video has no check of its own.
  if (content.media?.kind === 'audio') media.push({ fileID: content.media.fileID, kind: 'audio', what: '音频' })
  return screenContent({ media }, openid)
}

/**
 * Checks a lesson's content; refuses what must not be stored (a missing file, risky
 * content) with a message saying what to change.
 */
export async function checkContent(content: LessonContent, before: LessonDoc | null, openid: string | null): Promise<Checked> {
  const texts = [content.title, content.summary, content.body, ...quizTexts(content.quiz)].filter(Boolean)
  const urls = await temporaryUrls([content.cover, content.media?.fileID])
  if (content.cover && !urls.has(content.cover)) throw invalid('封面文件不存在，请重新上传')
  if (content.media && !urls.has(content.media.fileID)) throw invalid('音视频文件不存在，请重新上传')
  const [text, files] = await Promise.all([screenContent({ texts }, openid, '微党课内容'), screenFiles(content, before, openid)])
  // The texts' reason first: of two holds, the one the composer can act on at once.
  const held = text.verdict === 'review' ? text : files.verdict === 'review' ? files : null
  return {
    review: held ? 'review' : 'pass',
    reviewReason: held ? held.reason ?? '内容需人工审核' : null,
    textReview: text.verdict,
    filesReview: files.verdict,
    mediaTraceIds: files.traceIds.map((t) => t.traceId),
    urls
  }
}
