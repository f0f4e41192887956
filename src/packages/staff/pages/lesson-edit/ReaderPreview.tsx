/**
 * The lesson as a reader will see it, from the function (`lesson.get` on the saved lesson):
 * its cover, title, the server's rendering of the body, the media and the questions
 * (without answers, as readers get them).
 */
import { View, Text, Image, RichText, ScrollView } from '@tarojs/components'
import { Popup } from '../../../../components/ui'
import type { LessonView } from './useComposer'

export default function ReaderPreview({ view, onClose }: { view: LessonView | null; onClose: () => void }) {
  return (
    <Popup visible={!!view} position='bottom' round closeable title='按读者所见预览' onClose={onClose}>
      {view
        ? (
          <ScrollView scrollY className='reader-preview'>
            <Text className='reader-preview__note'>这是服务器排版后的样子{view.preview ? '；读者现在还看不到这节课' : ''}</Text>
            {view.coverUrl ? <Image className='reader-preview__cover' src={view.coverUrl} mode='aspectFill' /> : null}
            <Text className='reader-preview__title'>{view.title}</Text>
            <Text className='reader-preview__meta'>{view.authorName}</Text>
            {view.summary ? <Text className='reader-preview__summary'>{view.summary}</Text> : null}
            {view.media ? <Text className='reader-preview__media'>{view.media.kind === 'audio' ? '♪ 音频' : '▶ 视频'}：{view.media.name}</Text> : null}
            <RichText className='reader-preview__body' nodes={view.bodyHtml} />
            {view.quiz
              ? (
                <View className='reader-preview__quiz'>
                  <Text className='reader-preview__quiz-title'>课后测验（{view.quiz.questions.length}题）</Text>
                  {view.quiz.questions.map((q, k) => (
                    <View key={q.id} className='reader-preview__question'>
                      <Text className='reader-preview__q'>{k + 1}. {q.text}（{q.kind === 'single' ? '单选' : '多选'}）</Text>
                      {q.options.map((o, j) => <Text key={o.id} className='reader-preview__o'>{String.fromCharCode(65 + j)}. {o.text}</Text>)}
                    </View>
                  ))}
                </View>
                )
              : null}
          </ScrollView>
          )
        : null}
    </Popup>
  )
}
