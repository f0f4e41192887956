/**
 * A lesson's audio or video. Video is WeChat's <video> (Taro's Video, also on H5); audio
 * is an InnerAudioContext (WeChat no longer maintains the <audio> component; Taro's H5
 * build implements the context with an HTML audio element) under controls of our own.
 * A file that will not play says so in place, with a way to fetch a fresh link.
 */
import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Slider, Text, Video, View } from '@tarojs/components'
import { formatClock, mediaErrorMessage } from './media'
import './index.css'

export interface LessonMedia {
  kind: 'audio' | 'video'
  name: string
  url: string
}

interface AudioState {
  playing: boolean
  waiting: boolean
  current: number
  duration: number
  error: string | null
}

const IDLE: AudioState = { playing: false, waiting: false, current: 0, duration: 0, error: null }

let audioOptionSet = false

/** On WeChat, lessons play even with the phone's silent switch on (the default obeys it). */
function playThroughSilentSwitch(): void {
  if (process.env.TARO_ENV !== 'weapp' || audioOptionSet) return
  audioOptionSet = true
  Taro.setInnerAudioOption({ obeyMuteSwitch: false }).catch(() => { audioOptionSet = false })
}

/** One audio file, played through an InnerAudioContext that lives as long as the player. */
function useInnerAudio(url: string) {
  const [state, setState] = useState<AudioState>(IDLE)
  const context = useRef<Taro.InnerAudioContext | null>(null)

  useEffect(() => {
    const audio = Taro.createInnerAudioContext()
    context.current = audio
    setState(IDLE)
    audio.src = url
    const times = () => ({ current: audio.currentTime || 0, duration: audio.duration || 0 })
    audio.onCanplay(() => setState((s) => ({ ...s, waiting: false, ...times() })))
    audio.onWaiting(() => setState((s) => ({ ...s, waiting: true })))
    audio.onPlay(() => setState((s) => ({ ...s, playing: true, waiting: false, error: null })))
    audio.onPause(() => setState((s) => ({ ...s, playing: false })))
    audio.onStop(() => setState((s) => ({ ...s, playing: false, current: 0 })))
    audio.onEnded(() => setState((s) => ({ ...s, playing: false, current: 0 })))
    audio.onTimeUpdate(() => setState((s) => ({ ...s, waiting: false, ...times() })))
    audio.onError((e) => setState((s) => ({ ...s, playing: false, waiting: false, error: mediaErrorMessage('audio', e) })))
    return () => {
      context.current = null
      audio.destroy()
    }
  }, [url])

  const toggle = (): void => {
    const audio = context.current
    if (!audio) return
    if (state.playing) {
      audio.pause()
      return
    }
    playThroughSilentSwitch()
    setState((s) => ({ ...s, waiting: true, error: null }))
    // The browser's play() returns a promise that rejects when the file fails; onError reports it.
    void Promise.resolve(audio.play() as unknown).catch(() => undefined)
  }
  const seek = (seconds: number): void => {
    context.current?.seek(seconds)
    setState((s) => ({ ...s, current: seconds }))
  }
  return { state, toggle, seek }
}

function MediaError({ message, onReload }: { message: string; onReload: () => void }) {
  return (
    <View className='media-player__error' role='alert'>
      <Text>{message}</Text>
      <Text className='media-player__reload' onClick={onReload}>重新加载</Text>
    </View>
  )
}

function AudioPlayer({ media, onReload }: { media: LessonMedia; onReload: () => void }) {
  const { state, toggle, seek } = useInnerAudio(media.url)
  const max = Math.max(1, Math.floor(state.duration))
  return (
    <View className='media-player media-player--audio'>
      <View className='media-player__row'>
        <View
          className={state.playing ? 'media-player__toggle media-player__toggle--playing' : 'media-player__toggle'}
          role='button'
          aria-label={state.playing ? '暂停' : '播放'}
          onClick={toggle}
        >
          <View className={state.playing ? 'media-player__pause' : 'media-player__play'} />
        </View>
        <View className='media-player__main'>
          <Text className='media-player__name'>{media.name}</Text>
          <Slider
            className='media-player__progress'
            min={0}
            max={max}
            step={1}
            value={Math.min(max, Math.floor(state.current))}
            disabled={!state.duration}
            blockSize={14}
            activeColor='#c8161d'
            backgroundColor='#ebe6e0'
            blockColor='#c8161d'
            onChange={(e) => seek(Number(e.detail.value))}
          />
          <Text className='media-player__time'>
            {state.waiting && !state.error ? '加载中… ' : ''}{formatClock(state.current)} / {state.duration ? formatClock(state.duration) : '--:--'}
          </Text>
        </View>
      </View>
      {state.error ? <MediaError message={state.error} onReload={onReload} /> : null}
    </View>
  )
}

function VideoPlayer({ media, poster, onReload }: { media: LessonMedia; poster: string | null; onReload: () => void }) {
  const [error, setError] = useState<string | null>(null)
  useEffect(() => setError(null), [media.url])
  return (
    <View className='media-player media-player--video'>
      <Video
        className='media-player__video'
        src={media.url}
        controls
        showCenterPlayBtn
        objectFit='contain'
        poster={poster ?? undefined}
        onPlay={() => setError(null)}
        onError={(e) => setError(mediaErrorMessage('video', e))}
      />
      <Text className='media-player__caption'>{media.name}</Text>
      {error ? <MediaError message={error} onReload={onReload} /> : null}
    </View>
  )
}

/** The lesson's audio or video; `onReload` fetches the lesson again (a fresh temporary link). */
export default function MediaPlayer({ media, poster = null, onReload }: { media: LessonMedia; poster?: string | null; onReload: () => void }) {
  return media.kind === 'video'
    ? <VideoPlayer media={media} poster={poster} onReload={onReload} />
    : <AudioPlayer media={media} onReload={onReload} />
}
