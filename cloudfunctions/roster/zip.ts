/**
 * The parts of a zip archive held in memory (an .xlsx is one), read with JSZip. A part is
 * inflated as a stream, so a reader can stop early and never holds a whole part.
 */
import JSZip from 'jszip'
import { PassThrough } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { AppError, invalid } from '../common/errors'

const UNREADABLE = '无法读取该 Excel 文件，请确认是 .xlsx 格式（可在 Excel 中“另存为”Excel 工作簿）'

export interface Archive {
  has(name: string): boolean
  /**
   * The part's content as UTF-8 text, a chunk at a time. Refuses a part that inflates to
   * more than `maxBytes` (a zip bomb, or a sheet far beyond any roster) with `tooLarge`.
   */
  text(name: string, maxBytes: number, tooLarge: string): AsyncGenerator<string>
}

/** Opens an archive from its bytes (reads its directory only); refuses what is not a zip. */
export async function openArchive(bytes: Buffer): Promise<Archive> {
  let zip: JSZip
  try {
    zip = await JSZip.loadAsync(bytes)
  } catch {
    throw invalid(UNREADABLE)
  }
  return {
    has: (name) => zip.file(name) !== null,
    async * text(name, maxBytes, tooLarge) {
      const part = zip.file(name)
      if (!part) throw invalid(UNREADABLE)
      const decoder = new StringDecoder('utf8')
      // JSZip's stream is an old-style stream; a PassThrough makes it async-iterable, with backpressure.
      const source = part.nodeStream('nodebuffer')
      const stream = new PassThrough()
      source.on('error', (e) => stream.destroy(e))
      source.pipe(stream)
      let total = 0
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          total += chunk.length
          if (total > maxBytes) throw invalid(tooLarge)
          yield decoder.write(chunk)
        }
      } catch (e) {
        if (e instanceof AppError) throw e
        throw invalid(UNREADABLE)
      } finally {
        source.unpipe(stream)
        source.pause()
        stream.destroy()
      }
      yield decoder.end()
    }
  }
}
