/**
 * Cloud storage through the SDK: upload, temporary URLs, download, delete, signed URLs
 * that cannot be tampered with, and cloud paths that cannot escape.
 */
import { randomBytes } from 'node:crypto'
import { itEmu, rejectionOf, onEmulator, unique, useTestEnv } from './helpers'

const getEnv = useTestEnv()
const app = () => getEnv().app

/** Bytes with every byte value, so any text or encoding mangling shows. */
function sampleBytes(size = 70_000): Buffer {
  const head = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
  return Buffer.concat([head, randomBytes(size - 256)])
}

async function tempUrl(fileID: string): Promise<{ code: string; tempFileURL: string }> {
  const { fileList } = await app().getTempFileURL({ fileList: [fileID] })
  expect(fileList).toHaveLength(1)
  return fileList[0] as any
}

describe('upload and read back', () => {
  const dir = unique('conformance')
  const bytes = sampleBytes()
  let fileID = ''

  beforeAll(async () => {
    const res = await app().uploadFile({ cloudPath: `${dir}/data/sample.bin`, fileContent: bytes })
    fileID = res.fileID
  })

  it('upload returns a cloud:// file id ending in the cloud path', () => {
    expect(fileID).toMatch(/^cloud:\/\/[^/]+\//)
    expect(fileID.endsWith(`/${dir}/data/sample.bin`)).toBe(true)
  })

  it('getTempFileURL returns a URL that serves the same bytes', async () => {
    const item = await tempUrl(fileID)
    expect(item.code).toBe('SUCCESS')
    const res = await fetch(item.tempFileURL)
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('downloadFile returns the same bytes', async () => {
    const { fileContent } = await app().downloadFile({ fileID })
    expect(Buffer.isBuffer(fileContent)).toBe(true)
    expect(Buffer.compare(fileContent as Buffer, bytes)).toBe(0)
  })

  it('uploading to the same path replaces the content', async () => {
    const path = `${dir}/data/replaced.txt`
    await app().uploadFile({ cloudPath: path, fileContent: Buffer.from('first version') })
    const { fileID: id } = await app().uploadFile({ cloudPath: path, fileContent: Buffer.from('second') })
    const { fileContent } = await app().downloadFile({ fileID: id })
    expect((fileContent as Buffer).toString('utf8')).toBe('second')
  })

  it('keeps non-ASCII file names', async () => {
    const { fileID: id } = await app().uploadFile({ cloudPath: `${dir}/报告 2024.txt`, fileContent: Buffer.from('你好') })
    expect(id.endsWith(`/${dir}/报告 2024.txt`)).toBe(true)
    const { fileContent } = await app().downloadFile({ fileID: id })
    expect((fileContent as Buffer).toString('utf8')).toBe('你好')
    const res = await fetch((await tempUrl(id)).tempFileURL)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('你好')
  })

  it('a tampered signature is refused with 403', async () => {
    const item = await tempUrl(fileID)
    const url = new URL(item.tempFileURL)
    const sign = url.searchParams.get('sign')
    expect(sign).toBeTruthy()
    // flip the last character of the signature
    const last = sign!.slice(-1)
    url.searchParams.set('sign', `${sign!.slice(0, -1)}${last === '0' ? '1' : '0'}`)
    const res = await fetch(url)
    expect(res.status).toBe(403)
    await res.arrayBuffer()
  })

  itEmu('a signed URL cannot be reused for another file', async () => {
    await app().uploadFile({ cloudPath: `${dir}/data/other.txt`, fileContent: Buffer.from('other') })
    const url = new URL((await tempUrl(fileID)).tempFileURL)
    url.pathname = url.pathname.replace(/sample\.bin$/, 'other.txt')
    const res = await fetch(url)
    expect(res.status).toBe(403)
    await res.arrayBuffer()
  })
})

describe('delete', () => {
  it('removes the file: no temporary URL, no download', async () => {
    const cloudPath = `${unique('conformance')}/gone.txt`
    const { fileID } = await app().uploadFile({ cloudPath, fileContent: Buffer.from('short-lived') })
    const oldUrl = (await tempUrl(fileID)).tempFileURL
    const { fileList } = await app().deleteFile({ fileList: [fileID] })
    expect(fileList).toEqual([expect.objectContaining({ fileID, code: 'SUCCESS' })])
    expect((await tempUrl(fileID)).code).toBe('STORAGE_FILE_NONEXIST')
    const e = await rejectionOf(app().downloadFile({ fileID }))
    expect(e.code).toBe('STORAGE_FILE_NONEXIST')
    if (onEmulator) {
      // a URL handed out before the delete no longer serves the file
      const res = await fetch(oldUrl)
      expect(res.status).toBe(404)
      await res.arrayBuffer()
    }
  })

  it('reports a file that does not exist, per file', async () => {
    const { fileID } = await app().uploadFile({ cloudPath: `${unique('conformance')}/kept.txt`, fileContent: Buffer.from('kept') })
    const missing = fileID.replace(/kept\.txt$/, 'never-uploaded.txt')
    const { fileList } = await app().deleteFile({ fileList: [missing] })
    expect(fileList).toEqual([expect.objectContaining({ fileID: missing, code: 'STORAGE_FILE_NONEXIST' })])
    expect((await tempUrl(fileID)).code).toBe('SUCCESS')
  })
})

describe('cloud paths', () => {
  it.each([
    ['a parent segment', 'conformance/../escape.txt'],
    ['a leading parent segment', '../escape.txt'],
    ['a deep parent segment', 'conformance/a/../../../escape.txt']
  ])('an upload path with %s is refused and writes nothing', async (_what, cloudPath) => {
    const e = await rejectionOf(app().uploadFile({ cloudPath, fileContent: Buffer.from('nope') }))
    expect(typeof e.code).toBe('string')
    if (onEmulator) expect(e.code).toBe('INVALID_PARAM')
    // nothing was stored where the path would lead
    const { fileID } = await app().uploadFile({ cloudPath: `${unique('conformance')}/probe.txt`, fileContent: Buffer.from('probe') })
    const prefix = fileID.slice(0, fileID.indexOf('/', 'cloud://'.length) + 1)
    expect((await tempUrl(`${prefix}escape.txt`)).code).toBe('STORAGE_FILE_NONEXIST')
  })
})
