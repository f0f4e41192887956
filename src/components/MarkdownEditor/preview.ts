/**
 * A local, live preview of a lesson's Markdown while it is typed: the subset the toolbar
 * writes (headings, paragraphs with line breaks, bold, italics, lists, quotes, links, rules,
 * code) as RichText nodes, never as an HTML string, so nothing typed can run as markup.
 * It is a drafting aid: what readers see is the server's rendering (`lesson.get`), which
 * this follows for the subset but not in every corner of CommonMark.
 */

/** A node of Taro's RichText `nodes`. */
export type RichNode =
  | { type: 'text'; text: string }
  | { type: 'node'; name: string; attrs?: Record<string, string>; children: RichNode[] }

// Inline styles rather than classes: a mini program's rich-text does not take page styles
// for its inner nodes everywhere.
const STYLE: Record<string, string> = {
  h2: 'font-size:1.25em;font-weight:600;margin:0.8em 0 0.4em;',
  h3: 'font-size:1.12em;font-weight:600;margin:0.7em 0 0.35em;',
  h4: 'font-size:1em;font-weight:600;margin:0.6em 0 0.3em;',
  p: 'margin:0.5em 0;',
  blockquote: 'margin:0.6em 0;padding:0.2em 0 0.2em 0.8em;border-left:4px solid #e3b4b4;color:#6b6b6b;',
  ul: 'margin:0.5em 0;padding-left:1.4em;',
  ol: 'margin:0.5em 0;padding-left:1.4em;',
  a: 'color:#c8161d;text-decoration:underline;',
  code: 'font-family:monospace;background:#f3f0ec;padding:0 0.2em;',
  hr: 'border:0;border-top:1px solid #ebe6e0;margin:1em 0;'
}

const el = (name: string, children: RichNode[] = [], attrs: Record<string, string> = {}): RichNode => {
  const style = STYLE[name]
  return { type: 'node', name, attrs: style ? { ...attrs, style } : attrs, children }
}
const txt = (text: string): RichNode => ({ type: 'text', text })

// ---- blocks -------------------------------------------------------------------------

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/
const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/
const ORDERED = /^ {0,3}\d{1,9}[.)][ \t]+(.*)$/
const QUOTE = /^ {0,3}> ?(.*)$/
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/
const FENCE = /^ {0,3}```/

const blank = (line: string) => line.trim() === ''
/** Lines that begin a block of their own, and so end a paragraph. */
const startsBlock = (line: string) => HEADING.test(line) || BULLET.test(line) || ORDERED.test(line) || QUOTE.test(line) || RULE.test(line) || FENCE.test(line)

/** The preview of Markdown source, as RichText nodes. */
export function markdownPreview(source: string): RichNode[] {
  return blocks(source.replace(/\r\n?/g, '\n').split('\n'))
}

function blocks(lines: string[]): RichNode[] {
  const out: RichNode[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i]
    if (blank(line)) { i++; continue }
    if (RULE.test(line)) { out.push(el('hr')); i++; continue }
    const heading = HEADING.exec(line)
    if (heading) { out.push(...headingNode(heading[1].length, heading[2] ?? '')); i++; continue }
    if (FENCE.test(line)) { i = codeBlock(lines, i, out); continue }
    if (QUOTE.test(line)) { i = quoteBlock(lines, i, out); continue }
    if (BULLET.test(line) || ORDERED.test(line)) { i = listBlock(lines, i, out); continue }
    i = paragraph(lines, i, out)
  }
  return out
}

/** Levels 2-4 as headings; the server keeps no h1, h5 or h6, only their text. */
function headingNode(level: number, text: string): RichNode[] {
  const content = inline(text.trim())
  return level >= 2 && level <= 4 ? [el(`h${level}`, content)] : content
}

function paragraph(lines: string[], start: number, out: RichNode[]): number {
  let i = start
  const body: string[] = []
  while (i < lines.length && !blank(lines[i]) && (i === start || !startsBlock(lines[i]))) body.push(lines[i++].trim())
  out.push(el('p', withBreaks(body)))
  return i
}

/** Lines joined by line breaks, as the server renders them (`breaks: true`). */
function withBreaks(lines: string[]): RichNode[] {
  const nodes: RichNode[] = []
  lines.forEach((l, k) => {
    if (k) nodes.push(el('br'))
    nodes.push(...inline(l))
  })
  return nodes
}

function quoteBlock(lines: string[], start: number, out: RichNode[]): number {
  let i = start
  const inner: string[] = []
  // A quote goes on over lines without `>` until a blank line (CommonMark's lazy continuation).
  while (i < lines.length && !blank(lines[i])) {
    const m = QUOTE.exec(lines[i])
    if (!m && i > start && startsBlock(lines[i])) break
    inner.push(m ? m[1] : lines[i])
    i++
  }
  out.push(el('blockquote', blocks(inner)))
  return i
}

function listBlock(lines: string[], start: number, out: RichNode[]): number {
  const ordered = ORDERED.test(lines[start])
  const marker = ordered ? ORDERED : BULLET
  const items: string[][] = []
  let i = start
  while (i < lines.length) {
    const line = lines[i]
    const m = marker.exec(line)
    if (m) { items.push([m[1]]); i++; continue }
    if (blank(line)) {
      // A blank line ends the list unless the next item follows.
      if (i + 1 < lines.length && marker.test(lines[i + 1])) { i++; continue }
      break
    }
    if (startsBlock(line)) break
    items[items.length - 1].push(line.trim())
    i++
  }
  out.push(el(ordered ? 'ol' : 'ul', items.map((item) => el('li', withBreaks(item)))))
  return i
}

function codeBlock(lines: string[], start: number, out: RichNode[]): number {
  let i = start + 1
  const body: string[] = []
  while (i < lines.length && !FENCE.test(lines[i])) body.push(lines[i++])
  out.push(el('pre', [el('code', [txt(body.join('\n'))])]))
  return Math.min(i + 1, lines.length)
}

// ---- inline -------------------------------------------------------------------------

const PUNCTUATION = /[\p{P}\p{S}]/u
const SPACE = /\s/

/** Whether `**` or `*` at `at` (length `len`) can open (or close) emphasis, as CommonMark decides. */
function flanking(s: string, at: number, len: number, side: 'open' | 'close'): boolean {
  const prev = at > 0 ? s[at - 1] : ' '
  const next = at + len < s.length ? s[at + len] : ' '
  const [inner, outer] = side === 'open' ? [next, prev] : [prev, next]
  if (SPACE.test(inner)) return false
  return !PUNCTUATION.test(inner) || SPACE.test(outer) || PUNCTUATION.test(outer)
}

/** The end of emphasis opened at `from` by `mark`, or -1. */
function closing(s: string, from: number, mark: string): number {
  let at = s.indexOf(mark, from)
  while (at !== -1) {
    if (at > from && flanking(s, at, mark.length, 'close') && !(mark === '*' && s[at + 1] === '*')) return at
    at = s.indexOf(mark, at + 1)
  }
  return -1
}

function inline(s: string): RichNode[] {
  const out: RichNode[] = []
  let plain = ''
  const flush = () => { if (plain) out.push(txt(plain)); plain = '' }
  let i = 0
  while (i < s.length) {
    const rest = s.slice(i)
    const code = /^`([^`]+)`/.exec(rest)
    if (code) { flush(); out.push(el('code', [txt(code[1])])); i += code[0].length; continue }
    const link = /^\[([^\]\n]*)\]\(([^()\s]*)\)/.exec(rest)
    if (link) {
      flush()
      // Only web addresses stay links (the server drops any other href).
      out.push(/^https?:\/\//i.test(link[2]) ? el('a', inline(link[1]), { href: link[2] }) : el('a', inline(link[1])))
      i += link[0].length
      continue
    }
    const mark = rest.startsWith('**') ? '**' : rest.startsWith('*') || rest.startsWith('_') ? rest[0] : rest.startsWith('~~') ? '~~' : ''
    if (mark && flanking(s, i, mark.length, 'open')) {
      const end = closing(s, i + mark.length, mark)
      if (end !== -1) {
        flush()
        const name = mark === '**' ? 'strong' : mark === '~~' ? 'del' : 'em'
        out.push(el(name, inline(s.slice(i + mark.length, end))))
        i = end + mark.length
        continue
      }
    }
    plain += s[i]
    i++
  }
  flush()
  return out
}
