/**
 * Cloud storage: files live under `<data>/storage/`. Upload follows CloudBase's two steps
 * (storage.getUploadMetadata, then a PUT of the bytes to the signed URL it returns);
 * downloads are served from signed, expiring URLs the emulator hands out.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { EmulatorError, invalidParam } from '../errors'

export interface StorageOptions {
  root: string
  env: string
  /** base URL of the emulator, e.g. http://127.0.0.1:9090 */
  baseUrl: () => string
}

const MAX_PATH = 1024

export class FileStorage {
  private readonly secret = randomBytes(32)
  readonly bucket: string

  constructor(private readonly opts: StorageOptions) {
    this.bucket = `${opts.env}-1300000000`
    fs.mkdirSync(this.filesDir, { recursive: true })
  }

  get filesDir(): string {
    return path.join(this.opts.root, 'files')
  }

  /** Checks a cloud path and returns where it lives on disk. */
  private diskPath(cloudPath: string): string {
    if (typeof cloudPath !== 'string' || !cloudPath || cloudPath.length > MAX_PATH) throw invalidParam('cloudPath is required')
    const parts = cloudPath.split('/')
    if (cloudPath.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..') || cloudPath.includes('\u0000')) {
      throw invalidParam(`invalid cloudPath: ${cloudPath}`)
    }
    return path.join(this.filesDir, ...parts)
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.opts.env}.${this.bucket}/${cloudPath}`
  }

  /** The cloud path inside a fileID of this environment, or null if it names another. */
  cloudPathOf(fileId: unknown): string | null {
    if (typeof fileId !== 'string') return null
    const prefix = `cloud://${this.opts.env}.${this.bucket}/`
    return fileId.startsWith(prefix) ? fileId.slice(prefix.length) : null
  }

  private sign(kind: string, cloudPath: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${kind}\n${cloudPath}\n${expires}`).digest('hex')
  }

  verify(kind: 'upload' | 'download', cloudPath: string, expires: string | null, sig: string | null): void {
    const exp = Number(expires)
    if (!sig || !Number.isFinite(exp) || exp < Date.now()) {
      throw new EmulatorError('STORAGE_SIGN_PARAM_INVALID', 'the URL has expired or is not signed')
    }
    const expected = Buffer.from(this.sign(kind, cloudPath, exp), 'hex')
    const given = Buffer.from(sig, 'hex')
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new EmulatorError('STORAGE_SIGN_PARAM_INVALID', 'the URL signature does not match')
    }
  }

  private signedUrl(kind: 'upload' | 'download', cloudPath: string, maxAgeSeconds: number): string {
    const expires = Date.now() + maxAgeSeconds * 1000
    // The SDK PUTs to the upload URL as it is, so that one is percent-encoded. Download URLs
    // are raw like CloudBase's temporary URLs: the SDK passes them through encodeURI before
    // use (downloadFile, getFileInfo), so an encoded path would be encoded twice. Only the
    // characters that would end the path are escaped.
    const encoded = kind === 'upload'
      ? cloudPath.split('/').map(encodeURIComponent).join('/')
      : cloudPath.replace(/[%?#]/g, encodeURIComponent)
    return `${this.opts.baseUrl()}/storage/${kind}/${encoded}?expires=${expires}&sign=${this.sign(kind, cloudPath, expires)}`
  }

  getUploadMetadata(body: Record<string, any>): Record<string, unknown> {
    const cloudPath = body.path
    this.diskPath(cloudPath)
    const url = this.signedUrl('upload', cloudPath, 600)
    const fileId = this.fileIdOf(cloudPath)
    return {
      data: {
        url,
        token: 'emulator',
        authorization: 'emulator',
        fileId,
        // The SDK sends this back in an HTTP header (x-cos-meta-fileid), so it must be
        // ASCII even when the path is not; COS hands out an opaque ASCII id here too.
        cosFileId: encodeURI(fileId),
        download_url: this.signedUrl('download', cloudPath, 600)
      }
    }
  }

  /** Stores uploaded bytes: written to a temporary file, flushed, then renamed into place. */
  async writeFile(cloudPath: string, content: NodeJS.ReadableStream, maxBytes: number): Promise<number> {
    const target = this.diskPath(cloudPath)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    const tmp = `${target}.${randomBytes(6).toString('hex')}.part`
    const fd = fs.openSync(tmp, 'w')
    let size = 0
    try {
      for await (const chunk of content as AsyncIterable<Buffer>) {
        size += chunk.length
        if (size > maxBytes) throw new EmulatorError('EXCEED_REQUEST_SIZE_LIMIT', `file larger than ${maxBytes} bytes`)
        fs.writeSync(fd, chunk)
      }
      fs.fsyncSync(fd)
    } catch (e) {
      fs.closeSync(fd)
      fs.rmSync(tmp, { force: true })
      throw e
    }
    fs.closeSync(fd)
    fs.renameSync(tmp, target)
    return size
  }

  /** Path on disk of an existing file, or null. */
  existing(cloudPath: string): string | null {
    let p: string
    try {
      p = this.diskPath(cloudPath)
    } catch {
      return null
    }
    return fs.existsSync(p) && fs.statSync(p).isFile() ? p : null
  }

  batchGetDownloadUrl(body: Record<string, any>): Record<string, unknown> {
    if (!Array.isArray(body.file_list) || body.file_list.length === 0) throw invalidParam('file_list must be a non-empty array')
    if (body.file_list.length > 50) throw invalidParam('file_list holds at most 50 files')
    const list = body.file_list.map((f: any) => {
      const fileID = f?.fileid
      const cloudPath = this.cloudPathOf(fileID)
      if (!cloudPath || !this.existing(cloudPath)) {
        return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'file not found' }
      }
      const maxAge = Number(f.max_age) > 0 ? Math.min(Number(f.max_age), 86400) : 86400
      return { fileID, tempFileURL: this.signedUrl('download', cloudPath, maxAge), code: 'SUCCESS' }
    })
    return { data: { download_list: list } }
  }

  batchDeleteFile(body: Record<string, any>): Record<string, unknown> {
    if (!Array.isArray(body.fileid_list) || body.fileid_list.length === 0) throw invalidParam('fileid_list must be a non-empty array')
    const list = body.fileid_list.map((fileID: unknown) => {
      const cloudPath = this.cloudPathOf(fileID)
      const p = cloudPath && this.existing(cloudPath)
      if (!p) return { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file not found' }
      fs.rmSync(p)
      return { fileID, code: 'SUCCESS' }
    })
    return { data: { delete_list: list } }
  }

  /** Every stored file as cloud paths (export). */
  listFiles(): string[] {
    const out: string[] = []
    const walk = (dir: string, prefix: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name), `${prefix}${e.name}/`)
        else if (!e.name.endsWith('.part')) out.push(`${prefix}${e.name}`)
      }
    }
    if (fs.existsSync(this.filesDir)) walk(this.filesDir, '')
    return out.sort()
  }
}
