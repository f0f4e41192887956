/**
 * Uploading a lesson's files (services/upload): a file outside LESSON_FILES' types and
 * sizes is refused before anything is sent; the progress reported never goes back and ends
 * at 1 only once the file is stored, however the transport reports it; a refused ticket,
 * a failed PUT or a failed cloud upload end in a Chinese CallError and no success.
 */
import fc from 'fast-check'
import { LESSON_FILES, type LessonFileKind } from '../../types/lessonLimits'
import { CallError } from '../../src/services/cloud'
import { contentTypeOf, extensionsFor, fileProblem, uploadLessonFile, type PickedFile, type UploadDeps } from '../../src/services/upload'

const KINDS = Object.keys(LESSON_FILES) as LessonFileKind[]
const ALL_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'audio/mpeg', 'audio/mp4', 'audio/x-m4a', 'audio/aac', 'audio/wav', 'video/mp4', 'video/quicktime', 'application/pdf', '']

const ticket = { fileID: 'cloud://env/lessons/202609/abcdefghijklmnopqrstuvwx.jpg', cloudPath: 'lessons/202609/abcdefghijklmnopqrstuvwx.jpg', uploadUrl: 'http://127.0.0.1:1/storage/upload/x?sign=1', uploadHeaders: { authorization: 'sig', 'x-cos-security-token': 'tok' } }

/** A transfer event: progress (loaded of total, possibly odd), then how it ends. */
const progressEvents = fc.array(fc.record({ loaded: fc.oneof(fc.nat(2000), fc.constant(Number.NaN)), total: fc.oneof(fc.constant(1000), fc.constant(0)), lengthComputable: fc.boolean() }), { maxLength: 15 })

/** An XMLHttpRequest that plays `events` and ends with `status` (0: a network error). */
function fakeXhr(events: { loaded: number; total: number; lengthComputable: boolean }[], status: number) {
  const sent: { method?: string; url?: string; headers: Record<string, string>; body?: unknown } = { headers: {} }
  const xhr = {
    status: 0,
    upload: {} as { onprogress?: (e: ProgressEvent) => void },
    onload: null as null | (() => void),
    onerror: null as null | (() => void),
    onabort: null as null | (() => void),
    open: (method: string, url: string) => { sent.method = method; sent.url = url },
    setRequestHeader: (name: string, value: string) => { sent.headers[name.toLowerCase()] = value },
    send: (body: unknown) => {
      sent.body = body
      void Promise.resolve().then(() => {
        for (const e of events) xhr.upload.onprogress?.(e as unknown as ProgressEvent)
        if (status === 0) xhr.onerror?.()
        else { xhr.status = status; xhr.onload?.() }
      })
    }
  }
  return { xhr: xhr as unknown as XMLHttpRequest, sent }
}

const picked = (kind: LessonFileKind, bytes = 1000): PickedFile => ({
  name: `file.${extensionsFor(kind)[0]}`, bytes, contentType: LESSON_FILES[kind].types[0], blob: new Blob(['x']), path: '/tmp/wx/file'
})

function deps(over: Partial<UploadDeps>): UploadDeps & { ticket: jest.Mock } {
  return {
    env: 'h5',
    ticket: jest.fn(async () => ticket),
    xhr: () => { throw new Error('no transfer expected') },
    cloudUpload: () => { throw new Error('no cloud upload expected') },
    ...over
  } as UploadDeps & { ticket: jest.Mock }
}

const expectMonotone = (seen: number[]) => {
  seen.forEach((p, i) => {
    expect(p).toBeGreaterThanOrEqual(0)
    expect(p).toBeLessThanOrEqual(1)
    if (i) expect(p).toBeGreaterThan(seen[i - 1])
  })
}

describe('the upload service', () => {
  it('refuses a file outside the limits before asking for a ticket, and accepts every file within them', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...KINDS), fc.constantFrom(...ALL_TYPES), fc.integer({ min: 0, max: 60 * 1024 * 1024 }), async (kind, contentType, bytes) => {
      const rule = LESSON_FILES[kind]
      const fits = (rule.types as readonly string[]).includes(contentType) && bytes > 0 && bytes <= rule.maxBytes
      expect(fileProblem(kind, { bytes, contentType }) === null).toBe(fits)
      const d = deps({ xhr: () => fakeXhr([], 200).xhr })
      const upload = uploadLessonFile(kind, { ...picked(kind), bytes, contentType }, () => undefined, d)
      if (fits) {
        await expect(upload).resolves.toMatchObject({ fileID: ticket.fileID, bytes })
      } else {
        await expect(upload).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) })
        expect(d.ticket).not.toHaveBeenCalled()
      }
    }), { numRuns: 150 })
    // The maximum itself is allowed, one byte more is not.
    for (const kind of KINDS) {
      expect(fileProblem(kind, { bytes: LESSON_FILES[kind].maxBytes, contentType: LESSON_FILES[kind].types[0] })).toBeNull()
      expect(fileProblem(kind, { bytes: LESSON_FILES[kind].maxBytes + 1, contentType: LESSON_FILES[kind].types[0] })).toMatch(/不能超过/)
    }
  })

  it('names a content type from the file name when the platform gives none, as the limits spell it', () => {
    for (const kind of KINDS) for (const ext of extensionsFor(kind)) expect(LESSON_FILES[kind].types).toContain(contentTypeOf(`讲稿.${ext.toUpperCase()}`) as never)
    expect(contentTypeOf('a.m4a', 'audio/mp4')).toBe('audio/mp4')
    expect(contentTypeOf('a.exe')).toBe('application/octet-stream')
  })

  it('H5: PUTs the bytes with the ticket headers; progress never goes back and reaches 1 only when stored', async () => {
    await fc.assert(fc.asyncProperty(progressEvents, fc.constantFrom(200, 204, 403, 500, 0), async (events, status) => {
      const { xhr, sent } = fakeXhr(events, status)
      const seen: number[] = []
      const result = uploadLessonFile('cover', picked('cover'), (p) => seen.push(p), deps({ xhr: () => xhr })).then(
        (r) => ({ ok: true as const, r }), (e: unknown) => ({ ok: false as const, e })
      )
      const outcome = await result
      expect(sent.method).toBe('PUT')
      expect(sent.url).toBe(ticket.uploadUrl)
      expect(sent.headers).toMatchObject({ authorization: 'sig', 'x-cos-security-token': 'tok', 'content-type': 'image/jpeg' })
      expectMonotone(seen)
      const stored = status >= 200 && status < 300
      expect(outcome.ok).toBe(stored)
      if (stored) expect(seen[seen.length - 1]).toBe(1)
      else {
        expect(seen).not.toContain(1)
        expect((outcome as { e: unknown }).e).toBeInstanceOf(CallError)
        expect((outcome as { e: CallError }).e).toMatchObject({ code: 'UPLOAD_FAILED', message: expect.stringMatching(/^上传失败/) })
      }
    }), { numRuns: 150 })
  })

  it('weapp: uploads to the ticket cloud path; progress never goes back; a failure is a Chinese error', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: -10, max: 120 }), { maxLength: 12 }), fc.boolean(), async (percents, fails) => {
      const seen: number[] = []
      let asked: { cloudPath?: string; filePath?: string } = {}
      const cloudUpload: UploadDeps['cloudUpload'] = (param) => {
        asked = param
        let listener: ((r: { progress: number }) => void) | undefined
        void Promise.resolve().then(() => {
          percents.forEach((progress) => listener?.({ progress }))
          if (fails) param.fail({ errMsg: 'uploadFile:fail network' })
          else param.success({ fileID: 'cloud://env/lessons/202609/abcdefghijklmnopqrstuvwx.mp3' })
        })
        return { onProgressUpdate: (l) => { listener = l } }
      }
      const upload = uploadLessonFile('audio', picked('audio'), (p) => seen.push(p), deps({ env: 'weapp', cloudUpload }))
      if (fails) await expect(upload).rejects.toMatchObject({ code: 'UPLOAD_FAILED' })
      else await expect(upload).resolves.toMatchObject({ fileID: 'cloud://env/lessons/202609/abcdefghijklmnopqrstuvwx.mp3' })
      expect(asked).toMatchObject({ cloudPath: ticket.cloudPath, filePath: '/tmp/wx/file' })
      expectMonotone(seen)
      expect(seen[seen.length - 1] === 1).toBe(!fails)
    }), { numRuns: 100 })
  })

  it('a refused ticket is the function error as it is, and nothing is sent', async () => {
    const refusal = new CallError('INVALID_ARGUMENT', '文件过大：最大 2 MB')
    const xhr = jest.fn()
    const seen: number[] = []
    await expect(uploadLessonFile('cover', picked('cover'), (p) => seen.push(p), deps({ ticket: jest.fn(async () => { throw refusal }), xhr }))).rejects.toBe(refusal)
    expect(xhr).not.toHaveBeenCalled()
    expect(seen).toEqual([])
  })
})
