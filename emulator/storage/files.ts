/**
 * Cloud storage. Upload follows CloudBase's two steps (storage.getUploadMetadata, then a PUT
 * of the bytes to the signed URL it returns); downloads are served from signed, expiring
 * URLs the emulator hands out.
 *
 * A file never lives at a disk path made from its cloud path: its bytes are
 * `<root>/objects/<sha256 of the cloud path>`, beside `<hash>.key` that holds the cloud path.
 * So every key CloudBase accepts can be stored (`a` beside `a/b`, `\`, `:`, `CON`, names
 * that differ only in case, names ending in `.part`) and none can reach outside the folder,
 * on any OS. Uploads are written under `<root>/tmp/` and renamed into place.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { EmulatorError, invalidParam } from '../errors'
import { openInside, walkInside } from './foreignFolder'
import { cloudPathProblem, downloadUrlPath, uploadUrlPath } from './paths'

export interface StorageOptions {
  root: string
  env: string
  /** base URL of the emulator, e.g. http://127.0.0.1:9090 */
  baseUrl: () => string
}

/** A stored file: its cloud path and the disk file that holds its bytes. */
export interface StoredFile {
  cloudPath: string
  contentFile: string
}

/** An open stored file, ready to be sent; the descriptor stays valid if the file is replaced meanwhile. */
export interface OpenedFile {
  size: number
  stream(): fs.ReadStream
  close(): void
}

const HASH_NAME = /^[0-9a-f]{64}$/
const COPY_CHUNK = 1 << 20

export class FileStorage {
  private readonly secret = randomBytes(32)
  readonly bucket: string
  private readonly objectsDir: string
  private readonly tmpDir: string

  constructor(private readonly opts: StorageOptions) {
    this.bucket = `${opts.env}-1300000000`
    this.objectsDir = path.join(opts.root, 'objects')
    this.tmpDir = path.join(opts.root, 'tmp')
    fs.mkdirSync(this.objectsDir, { recursive: true })
    // Leftovers of uploads cut off by a crash.
    fs.rmSync(this.tmpDir, { recursive: true, force: true })
    fs.mkdirSync(this.tmpDir, { recursive: true })
    this.dropOrphanKeys()
    this.adoptLegacyFiles()
  }

  /** Data folders written before this layout kept each file at `<root>/files/<cloud path>`. */
  private adoptLegacyFiles(): void {
    const legacy = path.join(this.opts.root, 'files')
    if (!fs.existsSync(legacy)) return
    for (const cloudPath of walkInside(this.opts.root, 'files').files) {
      // That layout's temporary uploads, and whatever CloudBase would not take as a key.
      if (/\.[0-9a-f]{12}\.part$/.test(cloudPath) || cloudPathProblem(cloudPath)) continue
      const fd = openInside(legacy, cloudPath)
      try {
        this.importFile(cloudPath, fd)
      } finally {
        fs.closeSync(fd)
      }
    }
    fs.rmSync(legacy, { recursive: true, force: true })
  }

  /** The cloud path, checked as CloudBase checks it. */
  private checked(cloudPath: unknown): string {
    const problem = cloudPathProblem(cloudPath)
    if (problem) throw invalidParam(problem)
    return cloudPath as string
  }

  private contentFile(cloudPath: string): string {
    return path.join(this.objectsDir, createHash('sha256').update(cloudPath, 'utf8').digest('hex'))
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

  private signatureMatches(kind: string, cloudPath: string, expires: number, sig: string): boolean {
    const expected = Buffer.from(this.sign(kind, cloudPath, expires), 'hex')
    const given = Buffer.from(sig, 'hex')
    return expected.length === given.length && timingSafeEqual(expected, given)
  }

  /**
   * Checks a signed URL and returns the cloud path it was signed for. `urlPath` is the
   * URL's path after one percent-decoding. The SDK's downloadFile passes download URLs
   * through encodeURI first, which encodes their escapes once more, so a download URL is
   * also tried decoded twice; the signature decides which reading was handed out.
   */
  verify(kind: 'upload' | 'download', urlPath: string, expires: string | null, sig: string | null): string {
    const exp = Number(expires)
    if (!sig || !Number.isFinite(exp) || exp < Date.now()) {
      throw new EmulatorError('STORAGE_SIGN_PARAM_INVALID', 'the URL has expired or is not signed')
    }
    const readings = [urlPath]
    if (kind === 'download' && urlPath.includes('%')) {
      try {
        readings.push(decodeURIComponent(urlPath))
      } catch {
        // not an encoded path: only the first reading can match
      }
    }
    const cloudPath = readings.find((p) => this.signatureMatches(kind, p, exp, sig))
    if (cloudPath === undefined) throw new EmulatorError('STORAGE_SIGN_PARAM_INVALID', 'the URL signature does not match')
    return cloudPath
  }

  private signedUrl(kind: 'upload' | 'download', cloudPath: string, maxAgeSeconds: number): string {
    const expires = Date.now() + maxAgeSeconds * 1000
    const encoded = kind === 'upload' ? uploadUrlPath(cloudPath) : downloadUrlPath(cloudPath)
    return `${this.opts.baseUrl()}/storage/${kind}/${encoded}?expires=${expires}&sign=${this.sign(kind, cloudPath, expires)}`
  }

  getUploadMetadata(body: Record<string, any>): Record<string, unknown> {
    const cloudPath = this.checked(body.path)
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
    this.checked(cloudPath)
    const tmp = this.tmpFile()
    let fd: number | undefined
    try {
      fd = fs.openSync(tmp, 'w')
      let size = 0
      for await (const chunk of content as AsyncIterable<Buffer>) {
        size += chunk.length
        if (size > maxBytes) throw new EmulatorError('EXCEED_REQUEST_SIZE_LIMIT', `file larger than ${maxBytes} bytes`)
        fs.writeSync(fd, chunk)
      }
      fs.fsyncSync(fd)
      fs.closeSync(fd)
      fd = undefined
      this.commit(cloudPath, tmp, true)
      return size
    } catch (e) {
      throw this.abandon(cloudPath, tmp, fd, e)
    }
  }

  /**
   * Stores the bytes of an open file descriptor under `cloudPath` (import). Not flushed
   * file by file: an import answers no client, and one cut short is simply run again.
   */
  importFile(cloudPath: string, source: number): number {
    this.checked(cloudPath)
    const tmp = this.tmpFile()
    let fd: number | undefined
    try {
      fd = fs.openSync(tmp, 'w')
      const buf = Buffer.allocUnsafe(COPY_CHUNK)
      let size = 0
      for (let n; (n = fs.readSync(source, buf, 0, buf.length, null)) > 0;) {
        fs.writeSync(fd, buf, 0, n)
        size += n
      }
      fs.closeSync(fd)
      fd = undefined
      this.commit(cloudPath, tmp, false)
      return size
    } catch (e) {
      throw this.abandon(cloudPath, tmp, fd, e)
    }
  }

  private tmpFile(): string {
    return path.join(this.tmpDir, randomBytes(12).toString('hex'))
  }

  /** Puts written bytes in place: the key file first, so a stored file always has one. */
  private commit(cloudPath: string, tmp: string, flush: boolean): void {
    const target = this.contentFile(cloudPath)
    const keyFile = `${target}.key`
    if (!fs.existsSync(keyFile)) {
      const tmpKey = this.tmpFile()
      fs.writeFileSync(tmpKey, cloudPath, { flush })
      fs.renameSync(tmpKey, keyFile)
    }
    fs.renameSync(tmp, target)
  }

  /** Cleans up after a failed store; the error to throw names the cloud path, never a disk path. */
  private abandon(cloudPath: string, tmp: string, fd: number | undefined, e: unknown): EmulatorError {
    if (fd !== undefined) closeQuietly(fd)
    fs.rmSync(tmp, { force: true })
    return e instanceof EmulatorError ? e : storeFailed(cloudPath)
  }

  /** Opens a stored file for reading, or null if there is none at `cloudPath`. */
  open(cloudPath: string): OpenedFile | null {
    if (cloudPathProblem(cloudPath)) return null
    let fd: number
    try {
      fd = fs.openSync(this.contentFile(cloudPath), 'r')
    } catch {
      return null
    }
    const size = fs.fstatSync(fd).size
    return {
      size,
      stream: () => fs.createReadStream('', { fd, autoClose: true }),
      close: () => closeQuietly(fd)
    }
  }

  private exists(cloudPath: string): boolean {
    return !cloudPathProblem(cloudPath) && fs.existsSync(this.contentFile(cloudPath))
  }

  batchGetDownloadUrl(body: Record<string, any>): Record<string, unknown> {
    if (!Array.isArray(body.file_list) || body.file_list.length === 0) throw invalidParam('file_list must be a non-empty array')
    if (body.file_list.length > 50) throw invalidParam('file_list holds at most 50 files')
    const list = body.file_list.map((f: any) => {
      const fileID = f?.fileid
      const cloudPath = this.cloudPathOf(fileID)
      if (cloudPath === null || !this.exists(cloudPath)) {
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
      if (cloudPath === null || cloudPathProblem(cloudPath)) return { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file not found' }
      try {
        // The key file stays behind; the next start drops it.
        fs.unlinkSync(this.contentFile(cloudPath))
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file not found' }
        return { fileID, code: 'STORAGE_REQUEST_FAIL', message: `cannot delete ${cloudPath}` }
      }
      return { fileID, code: 'SUCCESS' }
    })
    return { data: { delete_list: list } }
  }

  /** Every stored file, in cloud path order (export). */
  listFiles(): StoredFile[] {
    const out: StoredFile[] = []
    for (const name of fs.readdirSync(this.objectsDir)) {
      if (!HASH_NAME.test(name)) continue
      const contentFile = path.join(this.objectsDir, name)
      const cloudPath = readKey(`${contentFile}.key`)
      if (cloudPath !== null && this.contentFile(cloudPath) === contentFile) out.push({ cloudPath, contentFile })
    }
    return out.sort((a, b) => (a.cloudPath < b.cloudPath ? -1 : a.cloudPath > b.cloudPath ? 1 : 0))
  }

  /** Key files whose content was deleted. */
  private dropOrphanKeys(): void {
    for (const name of fs.readdirSync(this.objectsDir)) {
      if (name.endsWith('.key') && !fs.existsSync(path.join(this.objectsDir, name.slice(0, -'.key'.length)))) {
        fs.rmSync(path.join(this.objectsDir, name), { force: true })
      }
    }
  }
}

function readKey(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd)
  } catch {
    // already closed
  }
}

/** A disk failure, named by the cloud path only: disk paths never reach a client. */
const storeFailed = (cloudPath: string): EmulatorError => new EmulatorError('STORAGE_REQUEST_FAIL', `cannot store ${cloudPath}`)
