/**
 * Cloud storage through the SDK: upload, temporary URLs, download, delete, signed URLs
 * that cannot be tampered with, and cloud paths that cannot escape. Generated cloud paths
 * over a hostile alphabet behave as on CloudBase: stored and served byte for byte (also
 * through export and import), or refused with INVALID_PARAM; nothing lands outside the
 * data folder.
 */
import fc from 'fast-check'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { start } from '../../../emulator'
import { tempDir } from '../../helpers/cloudbase'
import { describeEmu, itEmu, rejectionOf, onEmulator, unique, useTestEnv } from './helpers'

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

/**
 * CloudBase's naming rules, as documented: not empty, no leading `/`, no `//`, at most 850
 * bytes of UTF-8 text, no CAN/EM/SUB/ESC (nor NUL); the emulator also refuses `.` and `..`
 * segments, which a URL would resolve away.
 */
function cloudBaseTakes(cloudPath: string): boolean {
  const segments = cloudPath.split('/')
  return cloudPath.length > 0 && Buffer.byteLength(cloudPath) <= 850 && !/[\u0000\u0018-\u001b]/.test(cloudPath) &&
    (cloudPath as unknown as { isWellFormed(): boolean }).isWellFormed() && !segments.some((s) => s === '' || s === '.' || s === '..')
}

/** Pieces of names that trip up file systems, URLs and URL decoders. */
const TOKENS = ['a', 'A', 'b', '.', '..', '%', '%2e', '%25', '%E4%BD', '#', '?', '?x=1', ':', 'C:', '\\', '..\\', ' ', '\t',
  '报告', '𠀋', '😀', '.part', 'x.part', 'CON', 'nul.txt', '&=+;', "'~*!()", '[]{}^`|', '"<>', '\u001b', '\u0000', '\ud800', 'x'.repeat(300)]

const segmentArb = fc.oneof(
  { weight: 12, arbitrary: fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 3 }).map((t) => t.join('')) },
  { weight: 1, arbitrary: fc.constant('') }
)
const relativePathArb = fc.tuple(
  fc.oneof({ weight: 8, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('/') }),
  fc.array(segmentArb, { minLength: 1, maxLength: 3 })
).map(([lead, segments]) => lead + segments.join('/'))

/** Generated paths plus all their parents, so `a` and `a/b` are both stored. */
const pathPoolArb = fc.uniqueArray(relativePathArb, { minLength: 1, maxLength: 4 }).map((paths) => {
  const all = new Set(paths)
  for (const p of paths) {
    for (let i = p.indexOf('/', 1); i > 0; i = p.indexOf('/', i + 1)) all.add(p.slice(0, i))
  }
  return [...all]
})

const opArb = fc.record({
  kind: fc.constantFrom('upload', 'upload', 'downloadFile', 'tempUrl', 'delete'),
  at: fc.nat(),
  content: fc.uint8Array({ maxLength: 300 })
})

/** Every file and folder under `dir`, as paths relative to it (links not followed). */
function tree(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(prefix, e.name)
    return e.isDirectory() ? [rel, ...tree(dir, rel)] : [rel]
  })
}

describeEmu('generated cloud paths', () => {
  // Data folders sit deep in a sandbox, so that a path climbing out of them lands where
  // the sandbox check sees it.
  const sandbox = tempDir('cb-storage-sandbox-')
  const deep = path.join(sandbox, 'n1', 'n2', 'n3', 'n4', 'n5', 'n6')
  const dataDir = path.join(deep, 'data')
  const getOwn = useTestEnv({ dataDir })
  afterAll(() => fs.rmSync(sandbox, { recursive: true, force: true }))

  it('each is stored and served byte for byte by upload, download, temporary URL, delete, export and import, or refused with INVALID_PARAM', async () => {
    const own = () => getOwn().app
    const { fileID: probeId } = await own().uploadFile({ cloudPath: 'probe.txt', fileContent: Buffer.from('probe') })
    const fileIdOf = (cloudPath: string) => `${probeId.slice(0, -'probe.txt'.length)}${cloudPath}`
    const messages: string[] = []
    let run = 0

    await fc.assert(fc.asyncProperty(pathPoolArb, fc.array(opArb, { maxLength: 12 }), async (pool, ops) => {
      run++
      const paths = pool.map((p) => `run${run}/${p}`)
      const model = new Map<string, Buffer>()
      const steps = [...paths.map((_p, at) => ({ kind: 'upload', at, content: Buffer.from(`${run}:${at}`) })), ...ops]

      for (const step of steps) {
        const cloudPath = paths[step.at % paths.length]
        const fileID = fileIdOf(cloudPath)
        const valid = cloudBaseTakes(cloudPath)
        if (step.kind === 'upload') {
          const content = Buffer.from(step.content)
          if (!valid) {
            const e = await rejectionOf(own().uploadFile({ cloudPath, fileContent: content }))
            messages.push(String(e.message))
            expect(e.code).toBe('INVALID_PARAM')
            continue
          }
          const res = await own().uploadFile({ cloudPath, fileContent: content })
          expect(res.fileID).toBe(fileID)
          model.set(cloudPath, content)
        } else if (step.kind === 'downloadFile') {
          const stored = model.get(cloudPath)
          if (stored) {
            expect(Buffer.compare((await own().downloadFile({ fileID })).fileContent as Buffer, stored)).toBe(0)
          } else {
            const e = await rejectionOf(own().downloadFile({ fileID }))
            messages.push(String(e.message))
            expect(e.code).toBe('STORAGE_FILE_NONEXIST')
          }
        } else if (step.kind === 'tempUrl') {
          const [item] = (await own().getTempFileURL({ fileList: [fileID] })).fileList as any[]
          const stored = model.get(cloudPath)
          expect(item.code).toBe(stored ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST')
          if (stored) {
            const res = await fetch(item.tempFileURL)
            expect(res.status).toBe(200)
            expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), stored)).toBe(0)
          }
        } else {
          const { fileList } = await own().deleteFile({ fileList: [fileID] })
          expect(fileList).toEqual([expect.objectContaining({ fileID, code: model.has(cloudPath) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' })])
          model.delete(cloudPath)
        }
      }

      // Export lists exactly the stored files; a fresh emulator importing it serves the same bytes.
      const exportDir = path.join(deep, `export${run}`)
      getOwn().emulator!.exportTo(exportDir)
      const meta = JSON.parse(fs.readFileSync(path.join(exportDir, 'metadata.json'), 'utf8'))
      const exported = (meta.files as { path: string }[]).map((f) => f.path).filter((p) => p.startsWith(`run${run}/`))
      expect(exported.sort()).toEqual([...model.keys()].sort())

      const restored = await start({ port: 0, dataDir: path.join(deep, `restored${run}`), importDir: exportDir, functionLog: () => undefined })
      try {
        const tcb = (await import('@cloudbase/node-sdk')).default
        const app = tcb.init({ env: 'local', secretId: 'l', secretKey: 'l', serviceUrl: restored.adminUrl } as any)
        const { fileList } = await app.getTempFileURL({ fileList: paths.map(fileIdOf) })
        expect((fileList as any[]).map((f) => f.code)).toEqual(paths.map((p) => (model.has(p) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST')))
        for (const [cloudPath, content] of model) {
          expect(Buffer.compare((await app.downloadFile({ fileID: fileIdOf(cloudPath) })).fileContent as Buffer, content)).toBe(0)
        }
      } finally {
        await restored.stop()
      }

      // Emptied again, so that the next run's export holds only its own files.
      if (model.size) await own().deleteFile({ fileList: [...model.keys()].map(fileIdOf) })

      // Nothing was written outside the data folders and the export.
      const allowed = [dataDir, exportDir, path.join(deep, `restored${run}`)]
      const stray = tree(sandbox).map((rel) => path.join(sandbox, rel))
        .filter((p) => !deep.startsWith(p) && !allowed.some((a) => p === a || p.startsWith(a + path.sep)))
      expect(stray).toEqual([])
      fs.rmSync(exportDir, { recursive: true, force: true })
      fs.rmSync(path.join(deep, `restored${run}`), { recursive: true, force: true })
    }), { numRuns: 20 })

    // No message a client saw names a disk path.
    expect(messages.filter((m) => m.includes(sandbox))).toEqual([])
  })
})
