/**
 * H5 only: "打开摄像头" asks for the camera (never before the tap), shows the picture and
 * reports the first QR code it reads. The camera is turned off when a code is read, when
 * the person closes it, and when the page is hidden or left.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidHide, useUnload } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '../../../../components/ui'
import { cameraErrorMessage, closeCamera, openCamera, scanVideo } from './camera'

type CameraState = 'off' | 'starting' | 'on' | 'failed'

export interface CameraScannerProps {
  onScanned: (text: string) => void
  /** bumping it opens the camera again (再扫一次) */
  reopen: number
}

export default function CameraScanner({ onScanned, reopen }: CameraScannerProps) {
  const video = useRef<HTMLVideoElement>(null)
  const session = useRef<{ stream: MediaStream | null; abort: AbortController } | null>(null)
  const [state, setState] = useState<CameraState>('off')
  const [failure, setFailure] = useState('')
  const onScannedRef = useRef(onScanned)
  onScannedRef.current = onScanned

  const stop = useCallback((next: CameraState = 'off') => {
    const s = session.current
    session.current = null
    s?.abort.abort()
    closeCamera(s?.stream)
    if (video.current) video.current.srcObject = null
    setState(next)
  }, [])

  const start = useCallback(async () => {
    if (session.current) return
    const mine = { stream: null as MediaStream | null, abort: new AbortController() }
    session.current = mine
    setFailure('')
    setState('starting')
    try {
      mine.stream = await openCamera()
      // Closed (or the page left) while the browser asked for permission.
      if (mine.abort.signal.aborted || !video.current) {
        closeCamera(mine.stream)
        return
      }
      video.current.srcObject = mine.stream
      await video.current.play()
      if (session.current !== mine) return
      setState('on')
      const text = await scanVideo(video.current, mine.abort.signal)
      if (text && session.current === mine) {
        stop()
        onScannedRef.current(text)
      }
    } catch (e) {
      if (session.current !== mine) return
      setFailure(cameraErrorMessage(e))
      stop('failed')
    }
  }, [stop])

  useEffect(() => {
    if (reopen > 0) void start()
  }, [reopen, start])
  useEffect(() => () => stop(), [stop])
  useDidHide(() => stop())
  useUnload(() => stop())

  const live = state === 'starting' || state === 'on'
  return (
    <View className='camera'>
      <View className={`camera__frame ${live ? '' : 'camera__frame--off'}`}>
        <video ref={video} className='camera__video' playsInline muted />
        {live ? <View className='camera__aim' /> : null}
      </View>
      {live ? (
        <>
          <Text className='camera__hint'>{state === 'on' ? '将身份牌二维码置于框内' : '正在打开摄像头…'}</Text>
          <Button block className='camera__button' onClick={() => stop()}>关闭摄像头</Button>
        </>
      ) : (
        <Button type='primary' block className='camera__button' onClick={() => void start()}>打开摄像头</Button>
      )}
      {state === 'failed' ? <View className='camera__failure' role='alert'><Text>{failure}</Text></View> : null}
    </View>
  )
}
