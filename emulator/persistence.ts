/**
 * Export and import of the emulator's state as a folder, so a demo dataset can be saved and
 * restored: `metadata.json`, one canonical Extended JSON file per collection
 * (`collections/<name>.json`, an array of documents), and the stored files' bytes under
 * `storage/`, each named in `metadata.json` with its cloud path.
 *
 * An export may come from anywhere, so import reads only regular files inside the folder:
 * a symbolic link, a `..` name or anything else that would lead outside is refused before
 * anything is changed.
 */
import fs from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'
import { normalize } from './database/codec'
import { Store } from './database/store'
import { FileStorage } from './storage/files'
import { openInside, readTextInside, walkInside } from './storage/foreignFolder'
import { cloudPathProblem } from './storage/paths'

/** 2: files listed in metadata.json, bytes under storage/<name>. 1: files at storage/<cloud path>. */
const EXPORT_VERSION = 2

interface ExportedFile {
  /** the cloud path */
  path: string
  /** where the bytes are, relative to the export folder */
  file: string
}

interface Metadata {
  version: number
  env: string
  exportedAt: string
  collections: { name: string; file: string; count: number; indexes: ReturnType<Store['indexesOf']> }[]
  /** version 2: the stored files; version 1: how many there were */
  files: ExportedFile[] | number
}

export function exportState(store: Store, storage: FileStorage, env: string, dir: string): Metadata {
  fs.mkdirSync(path.join(dir, 'collections'), { recursive: true })
  fs.mkdirSync(path.join(dir, 'storage'), { recursive: true })
  const collections: Metadata['collections'] = []
  const fileNames = collectionFileNames(store.listCollections())
  for (const [name, file] of fileNames) {
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
  // Cloud paths are not file names (`a` beside `a/b`, `\`, `CON`), so the bytes keep the
  // storage's own safe names and metadata.json maps them back.
  const files = storage.listFiles().map(({ cloudPath, contentFile }): ExportedFile => {
    const file = `storage/${path.basename(contentFile)}`
    fs.copyFileSync(contentFile, path.join(dir, file))
    return { path: cloudPath, file }
  })
  const meta: Metadata = { version: EXPORT_VERSION, env, exportedAt: new Date().toISOString(), collections, files }
  fs.writeFileSync(path.join(dir, 'metadata.json'), `${JSON.stringify(meta, null, 2)}\n`)
  return meta
}

/** Windows device names, reserved with any extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i

/**
 * A file for each collection that no disk confuses with another's: a Windows device name
 * (`con.json`, `nul.x.json`), or a name equal to an earlier one but for case, gets a `~n~`
 * prefix (`~` is not in collection names, so a prefixed name cannot meet a plain one).
 */
function collectionFileNames(names: string[]): Map<string, string> {
  const files = new Map<string, string>()
  const taken = new Set<string>()
  for (const name of names) {
    let file = `${name}.json`
    for (let n = 1; WINDOWS_DEVICE.test(file) || taken.has(file.toLowerCase()); n++) file = `~${n}~${name}.json`
    taken.add(file.toLowerCase())
    files.set(name, `collections/${file}`)
  }
  return files
}

/**
 * Replaces the named collections' contents (and adds the files) with an export's.
 * @throws Error naming the offending entry, before anything is changed, if the export
 *   holds a link, a name leading outside it, or a file that is not an emulator export's
 */
export function importState(store: Store, storage: FileStorage, dir: string): Metadata {
  const meta = readMetadata(dir)
  const parsed = meta.collections.map((c) => {
    if (typeof c?.name !== 'string' || !c.name) throw refused(dir, 'a collection has no name')
    const docs = EJSON.parse(readInside(dir, c.file), { relaxed: true })
    if (!Array.isArray(docs)) throw refused(dir, `${c.file} is not an array of documents`)
    return { ...c, docs: docs.map((d) => normalize(d, 0)) }
  })
  const files = storedFilesOf(meta, dir)
  // Every file is checked before anything changes, and checked again when it is copied.
  for (const f of files) fs.closeSync(openChecked(dir, f.file))

  store.atomically(() => {
    for (const c of parsed) {
      if (!store.hasCollection(c.name)) store.createCollection(c.name)
      store.clear(c.name)
      for (const d of c.docs) store.putDoc(c.name, d._id, d)
    }
  })
  for (const c of parsed) store.ensureIndexes(c.name, c.indexes)
  for (const f of files) closeAfter(openChecked(dir, f.file), (fd) => storage.importFile(f.path, fd))
  return meta
}

function readMetadata(dir: string): Metadata {
  if (!fs.existsSync(path.join(dir, 'metadata.json'))) throw new Error(`${dir} has no metadata.json: not an emulator export`)
  let meta: Metadata
  try {
    meta = JSON.parse(readTextInside(dir, 'metadata.json'))
  } catch (e) {
    throw refused(dir, (e as Error).message)
  }
  if (meta?.version !== 1 && meta?.version !== EXPORT_VERSION) throw new Error(`unsupported export version ${meta?.version}`)
  if (!Array.isArray(meta.collections)) throw refused(dir, 'metadata.json lists no collections')
  return meta
}

/** The files an export holds, each a valid cloud path and a name inside the export. */
function storedFilesOf(meta: Metadata, dir: string): ExportedFile[] {
  let files: ExportedFile[]
  if (meta.version === 1) {
    const { files: found, others } = walkInside(dir, 'storage')
    if (others.length) {
      throw refused(dir, others[0] ? `storage/${others[0]} is not a regular file (links are not followed)` : 'storage is not a folder (links are not followed)')
    }
    files = found.map((p) => ({ path: p, file: `storage/${p}` }))
  } else {
    if (!Array.isArray(meta.files)) throw refused(dir, 'metadata.json lists no files')
    files = meta.files
  }
  for (const f of files) {
    const problem = cloudPathProblem(f?.path)
    if (problem) throw refused(dir, problem)
  }
  return files
}

function readInside(dir: string, relPath: unknown): string {
  try {
    return readTextInside(dir, relPath)
  } catch (e) {
    throw refused(dir, (e as Error).message)
  }
}

function openChecked(dir: string, relPath: unknown): number {
  try {
    return openInside(dir, relPath)
  } catch (e) {
    throw refused(dir, (e as Error).message)
  }
}

function closeAfter<T>(fd: number, use: (fd: number) => T): T {
  try {
    return use(fd)
  } finally {
    fs.closeSync(fd)
  }
}

const refused = (dir: string, why: string): Error => new Error(`cannot import ${dir}: ${why}`)
