/**
 * Random access to the entries of a zip archive held in memory (an .xlsx is one), each
 * entry decompressed as a stream, so a reader can stop early and never holds a whole
 * entry. Reads the central directory only; supports stored and deflated entries.
 */
import { StringDecoder } from 'node:string_decoder'
import zlib from 'node:zlib'
import { invalid } from '../common/errors'

export interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  offset: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const STORED = 0
const DEFLATED = 8
const UNREADABLE = '无法读取该 Excel 文件，请确认是 .xlsx 格式（可在 Excel 中“另存为”Excel 工作簿）'

const MAX32 = 0xffffffff

/** Sizes and offsets too large for their field (some writers always do this) are in the zip64 extra field. */
function readZip64Extra(zip: Buffer, start: number, length: number, entry: ZipEntry, hasSize: boolean): void {
  if (entry.compressedSize !== MAX32 && entry.offset !== MAX32) return
  for (let q = start; q + 4 <= start + length;) {
    const id = zip.readUInt16LE(q)
    const size = zip.readUInt16LE(q + 2)
    if (id === 1) {
      let f = q + 4 + (hasSize ? 8 : 0)
      if (entry.compressedSize === MAX32) {
        entry.compressedSize = Number(zip.readBigUInt64LE(f))
        f += 8
      }
      if (entry.offset === MAX32) entry.offset = Number(zip.readBigUInt64LE(f))
      return
    }
    q += 4 + size
  }
}

/** The archive's entries by name, from its central directory. */
export function zipEntries(zip: Buffer): Map<string, ZipEntry> {
  // The end record sits in the last 22 bytes plus a comment of up to 64 KiB.
  let end = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i
      break
    }
  }
  if (end < 0) throw invalid(UNREADABLE)
  const count = zip.readUInt16LE(end + 10)
  let p = zip.readUInt32LE(end + 16)
  const entries = new Map<string, ZipEntry>()
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL) throw invalid(UNREADABLE)
    const nameLength = zip.readUInt16LE(p + 28)
    const extraLength = zip.readUInt16LE(p + 30)
    const commentLength = zip.readUInt16LE(p + 32)
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength).replace(/^\//, '')
    const entry = { name, method: zip.readUInt16LE(p + 10), compressedSize: zip.readUInt32LE(p + 20), offset: zip.readUInt32LE(p + 42) }
    readZip64Extra(zip, p + 46 + nameLength, extraLength, entry, zip.readUInt32LE(p + 24) === MAX32)
    entries.set(name, entry)
    p += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/**
 * The entry's content as UTF-8 text, a chunk at a time. Refuses an entry that inflates to
 * more than `maxBytes` (a zip bomb, or a sheet far beyond any roster).
 */
export async function* entryText(zip: Buffer, entry: ZipEntry, maxBytes: number, tooLarge: string): AsyncGenerator<string> {
  const p = entry.offset
  if (p + 30 > zip.length || zip.readUInt32LE(p) !== LOCAL) throw invalid(UNREADABLE)
  const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28)
  const data = zip.subarray(start, start + entry.compressedSize)
  if (entry.method !== STORED && entry.method !== DEFLATED) throw invalid(UNREADABLE)
  const decoder = new StringDecoder('utf8')
  let total = 0
  const take = (chunk: Buffer): string => {
    total += chunk.length
    if (total > maxBytes) throw invalid(tooLarge)
    return decoder.write(chunk)
  }
  if (entry.method === STORED) {
    for (let i = 0; i < data.length; i += 64 * 1024) yield take(data.subarray(i, i + 64 * 1024))
    return
  }
  const inflate = zlib.createInflateRaw()
  inflate.end(data)
  try {
    for await (const chunk of inflate) yield take(chunk as Buffer)
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('Z_')) throw invalid(UNREADABLE)
    throw e
  } finally {
    inflate.destroy()
  }
  yield decoder.end()
}
