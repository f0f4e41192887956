/**
 * ExcelJS's streaming XML reader (saxes underneath), which ExcelJS 4.4 ships but does not
 * type. Feed it text, not bytes: it decodes each chunk on its own.
 */
declare module 'exceljs/lib/utils/parse-sax' {
  export interface SaxTag {
    name: string
    attributes: Record<string, string>
    isSelfClosing: boolean
  }
  export type SaxEvent =
    | { eventType: 'opentag'; value: SaxTag }
    | { eventType: 'closetag'; value: SaxTag }
    | { eventType: 'text'; value: string }
  export default function parseSax(chunks: AsyncIterable<string>): AsyncGenerator<SaxEvent[]>
}
