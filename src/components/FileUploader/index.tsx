/**
 * A lesson's file: pick, check against the contract's types and sizes, upload with a
 * progress bar (through `services/upload`), show what is attached, replace or remove it.
 * A refused or failed upload says why in place and leaves the lesson's file as it was.
 */
import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import type { LessonFileKind } from '../../../types/lessonLimits'
import { LESSON_FILES } from '../../../types/lessonLimits'
import { asCallError } from '../../hooks/usePageData'
import { formatBytes, pickLessonFile, uploadLessonFile, type PickedFile, type UploadedFile } from '../../services/upload'
import { errorMessage } from '../PageState'
import FieldError from '../FieldError'
import './index.css'

export interface AttachedFile extends UploadedFile {
  kind: LessonFileKind
  /** a URL to show a cover with, when one is at hand */
  url?: string | null
}

export interface FileUploaderProps {
  /** the kinds this slot takes: ['cover'], or ['audio', 'video'] */
  kinds: LessonFileKind[]
  value: AttachedFile | null
  onChange: (file: AttachedFile | null) => void
  error?: string | null
}

const LABELS: Record<LessonFileKind, string> = { cover: '封面图片', audio: '音频', video: '视频' }
const HINTS: Record<LessonFileKind, string> = { cover: 'JPG、PNG、WebP', audio: 'MP3、M4A、AAC', video: 'MP4' }

/** A URL to show a just-picked picture before the server's is known. */
function localUrl(file: PickedFile): string | null {
  if (file.path) return file.path
  if (file.blob && typeof URL !== 'undefined' && URL.createObjectURL) return URL.createObjectURL(file.blob)
  return null
}

export default function FileUploader({ kinds, value, onChange, error }: FileUploaderProps) {
  const [uploading, setUploading] = useState<{ kind: LessonFileKind; name: string; fraction: number } | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  const choose = async (kind: LessonFileKind) => {
    if (uploading) return
    setProblem(null)
    let picked: PickedFile | null
    try {
      picked = await pickLessonFile(kind)
    } catch (e) {
      setProblem(errorMessage(asCallError(e)))
      return
    }
    if (!picked) return
    const file = picked
    setUploading({ kind, name: file.name, fraction: 0 })
    try {
      const done = await uploadLessonFile(kind, file, (fraction) => setUploading((u) => (u ? { ...u, fraction } : u)))
      onChange({ ...done, kind, url: kind === 'cover' ? localUrl(file) : null })
    } catch (e) {
      setProblem(errorMessage(asCallError(e)))
    } finally {
      setUploading(null)
    }
  }

  const limits = kinds.map((k) => `${LABELS[k]}：${HINTS[k]}，不超过 ${formatBytes(LESSON_FILES[k].maxBytes)}`).join('；')
  return (
    <View className='file-uploader'>
      {value && !uploading
        ? (
          <View className='file-uploader__current'>
            {value.kind === 'cover' && value.url
              ? <Image className='file-uploader__cover' src={value.url} mode='aspectFill' />
              : <Text className='file-uploader__icon'>{value.kind === 'audio' ? '♪' : value.kind === 'video' ? '▶' : '图'}</Text>}
            <View className='file-uploader__meta'>
              <Text className='file-uploader__name'>{value.name}</Text>
              <Text className='file-uploader__size'>{LABELS[value.kind]}{value.bytes > 0 ? ` · ${formatBytes(value.bytes)}` : ''}</Text>
            </View>
            <Text className='file-uploader__remove' onClick={() => { setProblem(null); onChange(null) }}>移除</Text>
          </View>
          )
        : null}
      {uploading
        ? (
          <View className='file-uploader__progress' aria-busy>
            <Text className='file-uploader__name'>正在上传{LABELS[uploading.kind]}：{uploading.name}</Text>
            <View className='file-uploader__track'><View className='file-uploader__fill' style={{ width: `${Math.round(uploading.fraction * 100)}%` }} /></View>
            <Text className='file-uploader__size'>{Math.round(uploading.fraction * 100)}%</Text>
          </View>
          )
        : (
          <View className='file-uploader__actions'>
            {kinds.map((k) => (
              <Text key={k} className='file-uploader__pick' onClick={() => void choose(k)}>{value ? '更换' : '上传'}{LABELS[k]}</Text>
            ))}
          </View>
          )}
      <Text className='file-uploader__limits'>{limits}</Text>
      <FieldError message={problem ?? error} />
    </View>
  )
}
