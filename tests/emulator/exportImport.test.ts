/**
 * Export and import. An export names its files so that no disk confuses two of them.
 * Importing an export that came from elsewhere: a symbolic link (to a file or a folder
 * outside), a `..` or absolute name for a collection file or a stored file, or a special
 * file is refused before anything is changed, and nothing outside the export is read or
 * served. An export in the first layout (files at storage/<cloud path>) still imports.
 */
import tcb from '@cloudbase/node-sdk'
import { execFileSync } from 'node:child_process'
import fc from 'fast-check'
import fs from 'node:fs'
import path from 'node:path'
import { openData, start } from '../../emulator'
import { exportState, importState } from '../../emulator/persistence'
import { tempDir } from '../helpers/cloudbase'

const SECRET = 'secret-outside-the-export'

/** A well-formed export to be spoiled: one collection and two stored files, in either layout. */
function writeExport(dir: string, version: 1 | 2): void {
  fs.mkdirSync(path.join(dir, 'collections'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'collections/notes.json'), '[{"_id":"n1","text":"hello"}]')
  const files = [{ path: 'photos/证件照.txt', bytes: '图片内容' }, { path: 'docs/a', bytes: 'a' }]
  const listed = files.map((f, i) => {
    const file = version === 1 ? `storage/${f.path}` : `storage/f${i}`
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), f.bytes)
    return { path: f.path, file }
  })
  const meta = {
    version,
    env: 'local',
    exportedAt: new Date().toISOString(),
    collections: [{ name: 'notes', file: 'collections/notes.json', count: 1, indexes: [] }],
    files: version === 1 ? files.length : listed
  }
  fs.writeFileSync(path.join(dir, 'metadata.json'), JSON.stringify(meta))
}

function editMetadata(dir: string, edit: (meta: any) => void): void {
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'metadata.json'), 'utf8'))
  edit(meta)
  fs.writeFileSync(path.join(dir, 'metadata.json'), JSON.stringify(meta))
}

/** Ways an export can lead outside itself; `outside` holds secret.txt and secret.json. */
const SPOILERS: Record<string, { version: 1 | 2; spoil: (dir: string, outside: string) => void }> = {
  'a stored file that links to a file outside': {
    version: 1,
    spoil: (dir, outside) => fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'storage/photos/link.txt'))
  },
  'a storage folder that links to a folder outside': {
    version: 1,
    spoil: (dir, outside) => fs.symlinkSync(outside, path.join(dir, 'storage/docs/outside'))
  },
  'a storage/ that is itself a link': {
    version: 1,
    spoil: (dir, outside) => {
      fs.rmSync(path.join(dir, 'storage'), { recursive: true })
      fs.symlinkSync(outside, path.join(dir, 'storage'))
    }
  },
  'a named file that is a link': {
    version: 2,
    spoil: (dir, outside) => {
      fs.rmSync(path.join(dir, 'storage/f1'))
      fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'storage/f1'))
    }
  },
  'a named file whose folder is a link': {
    version: 2,
    spoil: (dir, outside) => {
      fs.rmSync(path.join(dir, 'storage'), { recursive: true })
      fs.symlinkSync(outside, path.join(dir, 'storage'))
      editMetadata(dir, (m) => { m.files[0].file = 'storage/secret.txt' })
    }
  },
  'a named file with ../ in its name': {
    version: 2,
    spoil: (dir, outside) => editMetadata(dir, (m) => { m.files[0].file = `../${path.basename(outside)}/secret.txt` })
  },
  'a named file with an absolute name': {
    version: 2,
    spoil: (dir, outside) => editMetadata(dir, (m) => { m.files[0].file = path.join(outside, 'secret.txt') })
  },
  'a stored file whose cloud path climbs out': {
    version: 2,
    spoil: (dir) => editMetadata(dir, (m) => { m.files[0].path = '../../escape.txt' })
  },
  'a collection file with ../ in its name': {
    version: 2,
    spoil: (dir, outside) => editMetadata(dir, (m) => { m.collections[0].file = `../${path.basename(outside)}/secret.json` })
  },
  'a collection file with an absolute name': {
    version: 2,
    spoil: (dir, outside) => editMetadata(dir, (m) => { m.collections[0].file = path.join(outside, 'secret.json') })
  },
  'a collection file that is a link': {
    version: 2,
    spoil: (dir, outside) => {
      fs.rmSync(path.join(dir, 'collections/notes.json'))
      fs.symlinkSync(path.join(outside, 'secret.json'), path.join(dir, 'collections/notes.json'))
    }
  },
  'a metadata.json that is a link': {
    version: 2,
    spoil: (dir, outside) => {
      fs.copyFileSync(path.join(dir, 'metadata.json'), path.join(outside, 'metadata.json'))
      fs.rmSync(path.join(dir, 'metadata.json'))
      fs.symlinkSync(path.join(outside, 'metadata.json'), path.join(dir, 'metadata.json'))
    }
  },
  'a stored file that is a named pipe': {
    version: 1,
    spoil: (dir) => execFileSync('mkfifo', [path.join(dir, 'storage/docs/pipe')])
  }
}

/** Every file under `dir`, contents concatenated (to look for the secret). */
function everything(dir: string): string {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath ?? (e as any).path, e.name), 'latin1'))
    .join('\n')
}

describe('export and import', () => {
  const sandbox = tempDir('cb-import-')
  afterAll(() => fs.rmSync(sandbox, { recursive: true, force: true }))
  let n = 0

  it('gives every collection a file no disk confuses with another: no Windows device names, none equal but for case', () => {
    const nameArb = fc.array(fc.constantFrom('a', 'A', 'con', 'CON', 'Nul', 'com1', 'lpt9', 'aux', '.', '_', '-', '1'), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join(''))
    fc.assert(fc.property(fc.uniqueArray(nameArb, { minLength: 1, maxLength: 6 }), (names) => {
      const run = path.join(sandbox, `names${++n}`)
      const source = openData(path.join(run, 'data'), 'local', () => '')
      const restored = openData(path.join(run, 'restored'), 'local', () => '')
      try {
        source.store.atomically(() => names.forEach((name, i) => {
          source.store.createCollection(name)
          source.store.putDoc(name, `d${i}`, { _id: `d${i}`, name })
        }))
        const meta = exportState(source.store, source.storage, 'local', path.join(run, 'export'))
        const files = meta.collections.map((c) => c.file.slice('collections/'.length))
        expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(names.length)
        expect(files.filter((f) => /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i.test(f))).toEqual([])

        importState(restored.store, restored.storage, path.join(run, 'export'))
        expect(restored.store.listCollections().sort()).toEqual([...names].sort())
        for (const [i, name] of names.entries()) expect([...restored.store.allDocs(name)]).toEqual([{ _id: `d${i}`, name }])
      } finally {
        source.store.close()
        restored.store.close()
      }
    }), { numRuns: 25 })
  })

  it('refuses an export that leads outside itself, changing nothing and reading nothing outside', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...Object.keys(SPOILERS)), async (name) => {
      const run = path.join(sandbox, `run${++n}`)
      const outside = path.join(run, 'outside')
      const exportDir = path.join(run, 'export')
      fs.mkdirSync(outside, { recursive: true })
      fs.writeFileSync(path.join(outside, 'secret.txt'), SECRET)
      fs.writeFileSync(path.join(outside, 'secret.json'), `[{"_id":"${SECRET}"}]`)
      const { version, spoil } = SPOILERS[name]
      writeExport(exportDir, version)
      spoil(exportDir, outside)

      const dataDir = path.join(run, 'data')
      const { store, storage } = openData(dataDir, 'local', () => '')
      try {
        let error: Error | undefined
        try {
          importState(store, storage, exportDir)
        } catch (e) {
          error = e as Error
        }
        expect(error?.message).toMatch(/^cannot import /)
        expect(error?.message).not.toContain(SECRET)
        expect(store.listCollections()).toEqual([])
        expect(storage.listFiles()).toEqual([])
      } finally {
        store.close()
      }
      // and the emulator refuses to start on it
      await expect(start({ port: 0, dataDir: path.join(run, 'data2'), importDir: exportDir, functionLog: () => undefined }))
        .rejects.toThrow(/^cannot import /)
      expect(everything(dataDir) + everything(path.join(run, 'data2'))).not.toContain(SECRET)
    }), { numRuns: Object.keys(SPOILERS).length * 2 })
  })

  it('imports an export in the first layout (files at storage/<cloud path>)', async () => {
    const exportDir = path.join(sandbox, 'v1')
    writeExport(exportDir, 1)
    const emulator = await start({ port: 0, dataDir: path.join(sandbox, 'v1data'), importDir: exportDir, functionLog: () => undefined })
    try {
      const app = tcb.init({ env: 'local', secretId: 'l', secretKey: 'l', serviceUrl: emulator.adminUrl } as any)
      const { data } = await app.database().collection('notes').get()
      expect(data).toEqual([{ _id: 'n1', text: 'hello' }])
      const prefix = `cloud://local.${emulator.getInfo().env}-1300000000/`
      expect((await app.downloadFile({ fileID: `${prefix}photos/证件照.txt` })).fileContent!.toString()).toBe('图片内容')
      expect((await app.downloadFile({ fileID: `${prefix}docs/a` })).fileContent!.toString()).toBe('a')
    } finally {
      await emulator.stop()
    }
  })

  it('adopts the files of a data folder in the first layout, without following links', async () => {
    const dataDir = path.join(sandbox, 'olddata')
    const legacy = path.join(dataDir, 'storage/files')
    fs.mkdirSync(path.join(legacy, 'photos'), { recursive: true })
    fs.writeFileSync(path.join(legacy, 'photos/证件照.txt'), '图片内容')
    fs.writeFileSync(path.join(legacy, 'photos/x.part'), 'a user file named .part')
    fs.writeFileSync(path.join(legacy, 'photos/y.txt.0123456789ab.part'), 'an interrupted upload')
    fs.writeFileSync(path.join(sandbox, 'secret.txt'), SECRET)
    fs.symlinkSync(path.join(sandbox, 'secret.txt'), path.join(legacy, 'photos/link.txt'))
    const emulator = await start({ port: 0, dataDir, functionLog: () => undefined })
    try {
      const app = tcb.init({ env: 'local', secretId: 'l', secretKey: 'l', serviceUrl: emulator.adminUrl } as any)
      const prefix = 'cloud://local.local-1300000000/photos/'
      const { fileList } = await app.getTempFileURL({ fileList: ['证件照.txt', 'x.part', 'y.txt.0123456789ab.part', 'link.txt'].map((n) => prefix + n) })
      expect((fileList as any[]).map((f) => f.code)).toEqual(['SUCCESS', 'SUCCESS', 'STORAGE_FILE_NONEXIST', 'STORAGE_FILE_NONEXIST'])
      expect((await app.downloadFile({ fileID: `${prefix}x.part` })).fileContent!.toString()).toBe('a user file named .part')
      expect(fs.existsSync(legacy)).toBe(false)
      expect(everything(dataDir)).not.toContain(SECRET)
    } finally {
      await emulator.stop()
    }
  })
})
