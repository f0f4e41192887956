/**
 * The photos of a form (a note, a volunteer record, a check-in): those uploaded, each
 * removable, and 添加图片 while there is room. Adding needs the network: offline, the
 * form says so (`offlineNote`) and the rest of the form can still be saved.
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { asCallError } from '../../hooks/usePageData'
import { online } from '../../services/photos'
import { errorMessage } from '../PageState'
import { Button } from '../ui'
import './index.css'

export interface PhotoFieldProps {
  photos: string[]
  limit: number
  /** picks and uploads up to `room` photos, answering their file ids (the domain's uploader) */
  upload: (room: number) => Promise<string[]>
  onChange: (photos: string[]) => void
  /** what to say when there is no network */
  offlineNote: string
}

export default function PhotoField({ photos, limit, upload, onChange, offlineNote }: PhotoFieldProps) {
  const [note, setNote] = useState<string | null>(null)
  const [uploading, setUploading] = useState(false)
  const add = async (): Promise<void> => {
    if (!(await online())) return setNote(offlineNote)
    setUploading(true)
    setNote(null)
    try {
      const ids = await upload(limit - photos.length)
      if (ids.length) onChange([...photos, ...ids])
    } catch (e) {
      setNote(errorMessage(asCallError(e)))
    } finally {
      setUploading(false)
    }
  }
  return (
    <>
      <View className='photo-field'>
        {photos.map((id) => (
          <View key={id} className='photo-field__photo'>
            <Text>已上传</Text>
            <Text className='photo-field__remove' onClick={() => onChange(photos.filter((p) => p !== id))}>移除</Text>
          </View>
        ))}
        {photos.length < limit ? <Button size='small' loading={uploading} onClick={() => void add()}>添加图片</Button> : null}
      </View>
      {note ? <Text className='photo-field__note'>{note}</Text> : null}
    </>
  )
}
