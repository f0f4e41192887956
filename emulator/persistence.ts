/**
 * Export and import of the emulator's state as a folder: `metadata.json`, one canonical
 * Extended JSON file per collection (`collections/<name>.json`, an array of documents),
 * and the stored files under `storage/`. A demo dataset can be saved and restored.
 */
import fs from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'
import { normalize } from './database/codec'
import { Store } from './database/store'
import { FileStorage } from './storage/files'

export const EXPORT_VERSION = 1

interface Metadata {
  version: number
  env: string
  exportedAt: string
  collections: { name: string; file: string; count: number; indexes: ReturnType<Store['indexesOf']> }[]
  files: number
}

export function exportState(store: Store, storage: FileStorage, env: string, dir: string): Metadata {
  fs.mkdirSync(path.join(dir, 'collections'), { recursive: true })
  const collections: Metadata['collections'] = []
  for (const name of store.listCollections()) {
    const file = `collections/${name}.json`
    const fd = fs.openSync(path.join(dir, file), 'w')
    let count = 0
    fs.writeSync(fd, '[\n')
    for (const doc of store.allDocs(name)) {
      fs.writeSync(fd, `${count ? ',\n' : ''}${EJSON.stringify(doc, { relaxed: false })}`)
      count++
    }
    fs.writeSync(fd, '\n]\n')
    fs.closeSync(fd)
    collections.push({ name, file, count, indexes: store.indexesOf(name) })
  }
  const files = storage.listFiles()
  for (const f of files) {
    const target = path.join(dir, 'storage', ...f.split('/'))
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.copyFileSync(path.join(storage.filesDir, ...f.split('/')), target)
  }
  const meta: Metadata = { version: EXPORT_VERSION, env, exportedAt: new Date().toISOString(), collections, files: files.length }
  fs.writeFileSync(path.join(dir, 'metadata.json'), `${JSON.stringify(meta, null, 2)}\n`)
  return meta
}

/** Replaces the named collections' contents (and adds the files) with an export's. */
export function importState(store: Store, storage: FileStorage, dir: string): Metadata {
  const metaFile = path.join(dir, 'metadata.json')
  if (!fs.existsSync(metaFile)) throw new Error(`${dir} has no metadata.json: not an emulator export`)
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Metadata
  if (meta.version !== EXPORT_VERSION) throw new Error(`unsupported export version ${meta.version}`)
  const parsed = meta.collections.map((c) => {
    const docs = EJSON.parse(fs.readFileSync(path.join(dir, c.file), 'utf8'), { relaxed: true })
    if (!Array.isArray(docs)) throw new Error(`${c.file} is not an array of documents`)
    return { ...c, docs: docs.map((d) => normalize(d, 0)) }
  })
  store.atomically(() => {
    for (const c of parsed) {
      if (!store.hasCollection(c.name)) store.createCollection(c.name)
      store.clear(c.name)
      for (const d of c.docs) store.putDoc(c.name, d._id, d)
    }
  })
  for (const c of parsed) store.ensureIndexes(c.name, c.indexes)
  const storageDir = path.join(dir, 'storage')
  if (fs.existsSync(storageDir)) fs.cpSync(storageDir, storage.filesDir, { recursive: true })
  return meta
}
