/**
 * The H5 camera for scanning a badge: the rear camera through getUserMedia into a video
 * element, its frames read with jsQR until a code turns up. jsQR is loaded on first use,
 * from H5-only code, so the mini program never carries it (there, Taro.scanCode scans).
 */
import type jsQR from 'jsqr'

type Decoder = typeof jsQR

/** Frames are decoded at most this wide: enough for a phone-screen QR, quick on a phone. */
const DECODE_WIDTH = 640
const FRAME_INTERVAL_MS = 120

/** What to tell a person when the camera cannot be opened (a DOMException's name). */
export function cameraErrorMessage(error: unknown): string {
  switch ((error as { name?: string } | null)?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return '没有使用摄像头的权限：请在浏览器设置中允许本页使用摄像头，或在下方粘贴二维码内容'
    case 'NotFoundError':
    case 'OverconstrainedError':
      return '没有找到可用的摄像头，请在下方粘贴二维码内容'
    case 'NotReadableError':
    case 'AbortError':
      return '摄像头正被其他应用占用，请关闭后重试'
    case 'UnsupportedError':
      return '此浏览器不能使用摄像头（需要 HTTPS 页面），请在下方粘贴二维码内容'
    default:
      return '无法打开摄像头，请在下方粘贴二维码内容'
  }
}

/** Asks for the camera (the browser shows its permission prompt), the rear one when there is a choice. */
export async function openCamera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('getUserMedia is unavailable'), { name: 'UnsupportedError' })
  return navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false })
}

/** Turns the camera off (its light goes out). */
export function closeCamera(stream: MediaStream | null | undefined): void {
  stream?.getTracks().forEach((track) => track.stop())
}

// A plain (not async) function with a constant test: webpack drops the dead branch, so the
// weapp build carries no jsQR. Inside an async function Babel's rewrite would hide the test.
const loadDecoder = (): Promise<{ default: Decoder }> =>
  process.env.TARO_ENV === 'h5' ? import('jsqr') : Promise.reject(new Error('the camera scanner is for H5 only'))

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Reads the video's frames until a QR code is found (its text) or `signal` aborts (null). */
export async function scanVideo(video: HTMLVideoElement, signal: AbortSignal): Promise<string | null> {
  const decode = (await loadDecoder()).default
  const canvas = document.createElement('canvas')
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) throw new Error('no 2d canvas')
  while (!signal.aborted) {
    await pause(FRAME_INTERVAL_MS)
    if (signal.aborted || video.readyState < video.HAVE_CURRENT_DATA || !video.videoWidth) continue
    const scale = Math.min(1, DECODE_WIDTH / video.videoWidth)
    const width = Math.round(video.videoWidth * scale)
    const height = Math.round(video.videoHeight * scale)
    canvas.width = width
    canvas.height = height
    ctx.drawImage(video, 0, 0, width, height)
    const code = decode(ctx.getImageData(0, 0, width, height).data, width, height, { inversionAttempts: 'dontInvert' })
    if (code?.data) return code.data
  }
  return null
}
