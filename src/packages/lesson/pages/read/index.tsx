/**
 * Reading a lesson (`?lessonId=`), in one call (`lesson.get`): the title, who wrote it and
 * when, the cover, its audio or video, the body, and the quiz. Reaching the end of the
 * body marks it read; a composer's preview shows the same page under a banner, and
 * neither marks it read nor sends answers.
 */
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { ActionOutput } from '../../../../../types/contract'
import LessonBody from '../../../../components/LessonBody'
import LessonReminder from '../../../../components/LessonReminder'
import MediaPlayer from '../../../../components/MediaPlayer'
import PageState, { InlineError } from '../../../../components/PageState'
import QuizForm from '../../../../components/QuizForm'
import type { QuizAnswers, QuizResult } from '../../../../components/QuizForm/quizState'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/usePageData'
import { ROUTES, withQuery } from '../../../../routes'
import { call, CallError } from '../../../../services/cloud'
import { formatDate, formatDateTime } from '../../../../services/dates'
import { recordQuizDone, recordRead } from '../../../../services/lessonProgress'
import { LESSON_END_ID, useMarkRead } from './useMarkRead'
import './index.css'

type LessonView = ActionOutput<'lesson', 'get'>

const markRead = (lessonId: string) => call('lesson', 'markRead', { lessonId })

function PreviewBanner() {
  return (
    <View className='lesson__preview' role='note'>
      <Text className='lesson__preview-title'>预览：读者看到的样子</Text>
      <Text className='lesson__preview-hint'>预览不计入阅读，测验不能提交</Text>
    </View>
  )
}

function Byline({ lesson }: { lesson: LessonView }) {
  return (
    <View className='lesson__byline'>
      <Text>{lesson.authorName}</Text>
      <Text>{lesson.publishedAt ? `${formatDate(lesson.publishedAt)}发布` : '尚未发布'}</Text>
      {lesson.editedAt ? <Text className='lesson__edited'>已更新 · {formatDateTime(lesson.editedAt)}</Text> : null}
    </View>
  )
}

/** The end of the body: where reading counts, and what the reader has done. */
function BodyEnd({ lesson, readAt }: { lesson: LessonView; readAt: string | null }) {
  let note = '— 全文完 —'
  if (!lesson.preview && readAt) note = `— 全文完 · 已读 ${formatDateTime(readAt)} —`
  return <View id={LESSON_END_ID} className='lesson__end'><Text>{note}</Text></View>
}

function Lesson({ lesson, reload }: { lesson: LessonView; reload: () => void }) {
  const [submitted, setSubmitted] = useState<QuizResult | null>(null)
  const { finished, readAt } = useMarkRead(lesson, markRead, recordRead)
  const result = submitted ?? lesson.my.quiz

  // What this reader has done shows in the list on return, without calling it again.
  useEffect(() => {
    if (lesson.preview) return
    if (lesson.my.readAt) recordRead(lesson.id)
    if (lesson.my.quiz) recordQuizDone(lesson.id)
  }, [lesson])

  const submit = async (answers: QuizAnswers): Promise<void> => {
    const scored = await call('lesson', 'answerQuiz', { lessonId: lesson.id, answers })
    setSubmitted(scored)
    recordQuizDone(lesson.id)
  }

  return (
    <View className='lesson'>
      {lesson.preview ? <PreviewBanner /> : null}
      <Text className='lesson__title'>{lesson.title}</Text>
      <Byline lesson={lesson} />
      {lesson.coverUrl ? <Image className='lesson__cover' src={lesson.coverUrl} mode='aspectFill' /> : null}
      {lesson.summary ? <Text className='lesson__summary'>{lesson.summary}</Text> : null}
      {lesson.media ? <MediaPlayer media={lesson.media} poster={lesson.coverUrl} onReload={reload} /> : null}
      <LessonBody html={lesson.bodyHtml} />
      <BodyEnd lesson={lesson} readAt={readAt} />
      {lesson.quiz?.questions.length ? (
        <QuizForm questions={lesson.quiz.questions} result={result} preview={lesson.preview} onSubmit={submit} />
      ) : null}
      {!lesson.preview ? (
        <Button block className='lesson__journal' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.journalEdit, { lessonId: lesson.id, lessonTitle: lesson.title }) })}>写学习心得</Button>
      ) : null}
      {finished && !lesson.preview ? <LessonReminder moment='finished' /> : null}
    </View>
  )
}

const missingLesson = new CallError('INVALID_ARGUMENT', '链接不完整：没有指明要打开哪一课')

export default function Page() {
  const lessonId = Taro.getCurrentInstance().router?.params?.lessonId ?? ''
  const page = usePageData(() => call('lesson', 'get', { lessonId }), { enabled: !!lessonId })
  if (!lessonId) return <View className='page lesson-page'><PageState status='error' error={missingLesson} /></View>
  return (
    <View className='page lesson-page'>
      {page.data ? <InlineError error={page.error} onRetry={() => void page.reload()} /> : null}
      <PageState status={page.status} error={page.error} onRetry={() => void page.reload()} skeletonRows={10}>
        {page.data ? <Lesson key={page.data.id} lesson={page.data} reload={() => void page.reload()} /> : null}
      </PageState>
    </View>
  )
}
