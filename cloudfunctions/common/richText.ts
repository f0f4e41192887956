/**
 * Rich text users write (a lesson's body): Markdown rendered to HTML by `marked`, then
 * sanitised by `xss` (js-xss) so that only safe tags and attributes survive, whatever the
 * Markdown carried (raw HTML included). The result is what the app's RichText shows.
 */
import { marked } from 'marked'
import { filterXSS } from 'xss'

const ALLOWED: Record<string, string[]> = {
  h2: [], h3: [], h4: [], p: [], br: [], strong: [], em: [], b: [], i: [], u: [], s: [], del: [],
  ul: [], ol: [], li: [], blockquote: [], hr: [], code: [], pre: [], a: ['href', 'title']
}

/** Safe HTML of Markdown source. */
export function renderRichText(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true }) as string
  return filterXSS(html, {
    whiteList: ALLOWED,
    stripIgnoreTag: true,
    stripIgnoreTagBody: ['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math'],
    safeAttrValue: (tag, name, value) => {
      if (tag === 'a' && name === 'href') return /^https?:\/\//i.test(value.trim()) ? value : ''
      return value
    }
  })
}
