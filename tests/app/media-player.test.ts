/**
 * What the lesson's media player says (components/MediaPlayer/media): play times read as
 * a clock, and a file that fails says which kind, why when the platform tells (WeChat's
 * InnerAudioContext codes, a browser's MediaError, a component's errMsg), and what to do.
 */
import fc from 'fast-check'
import { formatClock, mediaErrorMessage } from '../../src/components/MediaPlayer/media'

describe('the media player\'s words', () => {
  it('shows a time as m:ss under an hour and h:mm:ss beyond, giving back the whole seconds', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 100 * 3600, noNaN: true }), (seconds) => {
      const clock = formatClock(seconds)
      expect(clock).toMatch(seconds >= 3600 ? /^\d+:\d{2}:\d{2}$/ : /^\d{2}:\d{2}$/)
      const back = clock.split(':').map(Number).reduce((total, part) => total * 60 + part, 0)
      expect(back).toBe(Math.floor(seconds))
    }))
    for (const unknown of [NaN, Infinity, -1]) expect(formatClock(unknown)).toBe('--:--')
  })

  const reasons: [unknown, string][] = [
    [{ errCode: 10002, errMsg: 'network' }, '网络错误'],
    [{ errCode: 10004 }, '格式不支持'],
    [{ target: { error: { code: 4 } } }, '文件无法访问或格式不支持'],
    [{ target: { error: { code: 2 } } }, '网络错误'],
    [{ detail: { errMsg: 'MEDIA_ERR_SRC_NOT_SUPPORTED' } }, 'MEDIA_ERR_SRC_NOT_SUPPORTED']
  ]

  it('names the kind of file, the reason when one is given, and the way out', () => {
    for (const kind of ['audio', 'video'] as const) {
      for (const [error, reason] of reasons) {
        const message = mediaErrorMessage(kind, error)
        expect(message.startsWith(kind === 'video' ? '视频无法播放' : '音频无法播放')).toBe(true)
        expect(message).toContain(`（${reason}）`)
        expect(message).toContain('请重新加载后再试')
      }
      fc.assert(fc.property(fc.anything(), (error) => {
        expect(mediaErrorMessage(kind, error)).toMatch(/^(音频|视频)无法播放.*请重新加载后再试$/)
      }))
    }
  })
})
