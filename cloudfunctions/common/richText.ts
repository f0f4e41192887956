/**
 * Rich text users write (a lesson's body): Markdown rendered to HTML by `marked`, then
 * sanitised by `xss` (js-xss) so that only safe tags and attributes survive, whatever the
 * Markdown carried (raw HTML included). The result is what the app's RichText shows.
 *
 * What survives: headings (h2-h4: a body's `#` becomes h2, the lesson's title being the
 * page's heading), paragraphs and line breaks, emphasis, lists, quotes, code, rules, and
 * links to http(s) addresses, which open in a new window without access to the page that
 * opened them. Images do not (a lesson's cover is separate), nor any other tag, attribute,
 * style or comment; the bodies of script-like elements go with them.
 */
import { Marked } from 'marked'
import { filterXSS, IFilterXSSOptions, safeAttrValue as xssSafeAttrValue } from 'xss'

const ALLOWED: Record<string, string[]> = {
  h2: [], h3: [], h4: [], p: [], br: [], strong: [], em: [], b: [], i: [], u: [], s: [], del: [],
  ul: [], ol: [], li: [], blockquote: [], hr: [], code: [], pre: [], a: ['href', 'title']
}

/** Elements whose content goes too: script, styles, embedded documents and foreign (SVG, MathML) content. */
const DROPPED_WITH_BODY = ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'template', 'noscript', 'noembed', 'noframes', 'xmp', 'textarea', 'title', 'select', 'plaintext']

/** What every link carries: it opens apart from the page, which it can neither reach nor name. */
const LINK_BEHAVIOUR = 'target="_blank" rel="noopener noreferrer nofollow"'

/** Headings one level down (h1 -> h2), at most h4. */
const markdown = new Marked({
  gfm: true,
  breaks: true,
  walkTokens(token) {
    if (token.type === 'heading') token.depth = Math.min(Math.max(token.depth + 1, 2), 4)
  }
})

/** Only absolute http(s) addresses: no `javascript:`, `data:`, relative or protocol-relative ones. */
const isWebAddress = (value: string): boolean => /^https?:\/\/[^/\\\s]/i.test(value)

function sanitiserOptions(): IFilterXSSOptions {
  // Each tag's attributes come after its onTag call: a link gets its href (and behaviour) once.
  let hrefDone = false
  // Links open so far, each kept or dropped: a link inside a link (raw HTML in a link's
  // text) is dropped, as browsers would not nest them either, and the next closing tag
  // closes the kept one (a stray closing tag goes), so the output stays balanced.
  const links: boolean[] = []
  return {
    whiteList: ALLOWED,
    stripIgnoreTag: true,
    stripIgnoreTagBody: DROPPED_WITH_BODY,
    allowCommentTag: false,
    onTag(tag, _html, { isClosing }) {
      if (tag !== 'a') return undefined
      if (isClosing) {
        if (!links.includes(true)) return ''
        while (links.pop() === false);
        return undefined
      }
      const kept = !links.includes(true)
      links.push(kept)
      if (!kept) return ''
      hrefDone = false
      return undefined
    },
    onTagAttr(tag, name, value) {
      if (tag !== 'a' || name !== 'href') return undefined
      // js-xss's own check and escaping first (entities decoded, control characters
      // dropped, quotes and brackets escaped), then ours on what it left.
      const safe = xssSafeAttrValue(tag, name, value, undefined as never)
      if (hrefDone || !isWebAddress(safe)) return ''
      hrefDone = true
      return `href="${safe}" ${LINK_BEHAVIOUR}`
    }
    // Every other allowed attribute (a link's title) goes through js-xss's own safeAttrValue.
  }
}

/** Safe HTML of Markdown source. */
export function renderRichText(source: string): string {
  const html = markdown.parse(source, { async: false }) as string
  return filterXSS(html, sanitiserOptions())
}
