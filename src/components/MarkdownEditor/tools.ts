/**
 * The Markdown toolbar's edits, as pure functions of the text and the selection: each
 * returns the new text and what to select next. What they write renders on the server
 * (`marked`, CommonMark with GFM) as the tool says: a bold span really is bold, a list item
 * does not swallow the paragraph after it.
 */

export type MarkdownTool = 'heading' | 'bold' | 'bulletList' | 'orderedList' | 'quote' | 'link'

/** The toolbar, in order, as the composer reads it. */
export const MARKDOWN_TOOLS: readonly { tool: MarkdownTool; label: string }[] = [
  { tool: 'heading', label: '标题' },
  { tool: 'bold', label: '加粗' },
  { tool: 'bulletList', label: '列表' },
  { tool: 'orderedList', label: '编号' },
  { tool: 'quote', label: '引用' },
  { tool: 'link', label: '链接' }
]

/** A selection in the text: `start` to `end` (UTF-16 offsets); a caret when they are equal. */
export interface TextSelection {
  start: number
  end: number
}

export interface MarkdownEdit {
  text: string
  selection: TextSelection
}

/** Placeholders inserted when nothing is selected; the composer types over them. */
export const PLACEHOLDERS = {
  heading: '小标题',
  bold: '加粗文字',
  list: '列表项',
  quote: '引用文字',
  link: '链接文字',
  url: 'https://'
} as const

type LineTool = 'heading' | 'bulletList' | 'orderedList' | 'quote'

/** A heading, bullet or number at the start of a line: a line is one of these at a time. */
const LINE_KIND = /^(#{1,6} |[-*+] |\d{1,9}[.)] )/
const HAS_PREFIX: Record<LineTool, RegExp> = {
  heading: /^#{1,6} /,
  bulletList: /^[-*+] /,
  orderedList: /^\d{1,9}[.)] /,
  quote: /^> ?/
}
/** CommonMark's punctuation (marked uses the same class): `**` next to it may not open or close. */
const PUNCTUATION = /[\p{P}\p{S}]/u
const SPACE = /\s/

function clamp(text: string, selection: TextSelection): TextSelection {
  const fit = (n: number) => Math.min(Math.max(0, Number.isFinite(n) ? Math.floor(n) : 0), text.length)
  const a = fit(selection.start)
  const b = fit(selection.end)
  return a <= b ? { start: a, end: b } : { start: b, end: a }
}

/** Applies a toolbar tool to the selection. */
export function applyMarkdownTool(text: string, selection: TextSelection, tool: MarkdownTool): MarkdownEdit {
  const sel = clamp(text, selection)
  if (tool === 'bold') return applyBold(text, sel)
  if (tool === 'link') return applyLink(text, sel)
  return applyLineTool(text, sel, tool)
}

// ---- bold ---------------------------------------------------------------------------

/**
 * The part of `piece` that `**` can wrap: without the spaces and punctuation at its ends,
 * which would stop `**` from opening or closing (e.g. `他说**你好，**我` is not bold).
 */
function strongCore(piece: string): { lead: number; trail: number } | null {
  const chars = Array.from(piece)
  let i = 0
  let j = chars.length
  const edge = (c: string) => SPACE.test(c) || PUNCTUATION.test(c)
  while (i < j && edge(chars[i])) i++
  while (j > i && edge(chars[j - 1])) j--
  if (i === j) return null
  const lead = chars.slice(0, i).join('').length
  const trail = chars.slice(j).join('').length
  return { lead, trail }
}

function wrapStrong(piece: string): string {
  const core = strongCore(piece)
  if (!core) return piece
  const inner = piece.slice(core.lead, piece.length - core.trail)
  return `${piece.slice(0, core.lead)}**${inner}**${piece.slice(piece.length - core.trail)}`
}

function applyBold(text: string, { start, end }: TextSelection): MarkdownEdit {
  const before = text.slice(0, start)
  const selected = text.slice(start, end)
  const after = text.slice(end)
  // Selected inside `**…**`, or the selection is `**…**`: bold comes off.
  if (before.endsWith('**') && after.startsWith('**') && selected.length > 0) {
    return { text: before.slice(0, -2) + selected + after.slice(2), selection: { start: start - 2, end: end - 2 } }
  }
  if (selected.length >= 4 && selected.startsWith('**') && selected.endsWith('**') && !selected.includes('\n')) {
    const inner = selected.slice(2, -2)
    return { text: before + inner + after, selection: { start, end: start + inner.length } }
  }
  if (!selected.trim()) {
    const inserted = `**${PLACEHOLDERS.bold}**`
    return { text: before + inserted + after, selection: { start: start + 2, end: start + 2 + PLACEHOLDERS.bold.length } }
  }
  // Line by line: `**` does not reach over a paragraph break.
  const wrapped = selected.split('\n').map(wrapStrong).join('\n')
  return { text: before + wrapped + after, selection: { start, end: start + wrapped.length } }
}

// ---- link ---------------------------------------------------------------------------

function applyLink(text: string, { start, end }: TextSelection): MarkdownEdit {
  const selected = text.slice(start, end)
  // A link's text stays on one line; brackets inside it would end it early.
  const label = selected.replace(/\s*\n\s*/g, ' ').replace(/[[\]]/g, '').trim() || PLACEHOLDERS.link
  const inserted = `[${label}](${PLACEHOLDERS.url})`
  const urlAt = start + label.length + 3
  // The address is selected: the composer pastes theirs over it.
  return { text: text.slice(0, start) + inserted + text.slice(end), selection: { start: urlAt, end: urlAt + PLACEHOLDERS.url.length } }
}

// ---- headings, lists, quotes --------------------------------------------------------

const prefixOf = (tool: LineTool, n: number): string =>
  tool === 'heading' ? '## ' : tool === 'bulletList' ? '- ' : tool === 'orderedList' ? `${n}. ` : '> '

const placeholderOf = (tool: LineTool): string =>
  tool === 'heading' ? PLACEHOLDERS.heading : tool === 'quote' ? PLACEHOLDERS.quote : PLACEHOLDERS.list

/** The whole lines the selection touches: [from, to) with `to` at a line end. */
function touchedLines(text: string, { start, end }: TextSelection): { from: number; to: number } {
  const from = text.lastIndexOf('\n', start - 1) + 1
  // A selection ending at the very start of a line does not take that line.
  const last = end > start && text[end - 1] === '\n' ? end - 1 : end
  const nl = text.indexOf('\n', last)
  return { from, to: nl === -1 ? text.length : nl }
}

function applyLineTool(text: string, sel: TextSelection, tool: LineTool): MarkdownEdit {
  const { from, to } = touchedLines(text, sel)
  const lines = text.slice(from, to).split('\n')
  const filled = lines.filter((l) => l.trim() !== '')
  if (!filled.length) return insertLinePlaceholder(text, from, to, tool)

  const off = filled.every((l) => HAS_PREFIX[tool].test(l))
  let n = 0
  const changed = lines.map((line) => {
    if (line.trim() === '') return line
    if (off) return line.replace(HAS_PREFIX[tool], '')
    n += 1
    // A line is one kind at a time; a quote holds whatever the line is.
    const bare = tool === 'quote' ? line : line.replace(LINE_KIND, '')
    return prefixOf(tool, n) + bare.replace(/^\s+/, '')
  }).join('\n')

  // A block set off by blank lines: a list or quote would otherwise take the next line in.
  const openBefore = !off && from > 0 && text.slice(0, from - 1).split('\n').pop()!.trim() !== ''
  const openAfter = !off && to < text.length && text.slice(to + 1).split('\n')[0].trim() !== ''
  const block = (openBefore ? '\n' : '') + changed + (openAfter ? '\n' : '')
  const blockStart = from + (openBefore ? 1 : 0)
  return {
    text: text.slice(0, from) + block + text.slice(to),
    selection: { start: blockStart, end: blockStart + changed.length }
  }
}

function insertLinePlaceholder(text: string, from: number, to: number, tool: LineTool): MarkdownEdit {
  const prefix = prefixOf(tool, 1)
  const line = prefix + placeholderOf(tool)
  const openBefore = from > 0 && text.slice(0, from - 1).split('\n').pop()!.trim() !== ''
  const openAfter = to < text.length && text.slice(to + 1).split('\n')[0].trim() !== ''
  const block = (openBefore ? '\n' : '') + line + (openAfter ? '\n' : '')
  const at = from + (openBefore ? 1 : 0) + prefix.length
  return {
    text: text.slice(0, from) + block + text.slice(to),
    selection: { start: at, end: at + placeholderOf(tool).length }
  }
}
