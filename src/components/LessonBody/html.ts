/**
 * A lesson's body as the function sends it (HTML rendered from Markdown and sanitised on
 * the server) made ready for Taro's RichText: every tag gets a class (WeChat's rich-text
 * takes page styles by class, not by tag name), links open outside the app on H5, and
 * the links are listed for WeChat, where a link in rich-text cannot be tapped.
 */

/** The tags the server's sanitiser lets through (cloudfunctions/common/richText.ts). */
const STYLED_TAGS = ['h2', 'h3', 'h4', 'p', 'strong', 'em', 'b', 'i', 'u', 's', 'del', 'ul', 'ol', 'li', 'blockquote', 'hr', 'code', 'pre', 'a']

const OPENING_TAG = new RegExp(`<(${STYLED_TAGS.join('|')})(?=[\\s>/])([^>]*)>`, 'g')

/** A link opens apart from the app (on H5; WeChat ignores it), unless the server said how already. */
const linkBehaviour = (attributes: string): string => (/\starget=/i.test(attributes) ? '' : ' target="_blank" rel="noopener noreferrer"')

/**
 * The body with a class `rt-<tag>` on each tag and links opening in a new window. The
 * sanitiser escapes every `<` and `>` of text and attribute values, so a `<` followed by a
 * tag name opens a tag and the next `>` closes it.
 */
export function decorateBody(html: string): string {
  return html.replace(OPENING_TAG, (_, tag: string, attributes: string) =>
    `<${tag} class="rt-${tag}"${tag === 'a' ? linkBehaviour(attributes) : ''}${attributes}>`)
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" }

/** Text of an HTML fragment: tags dropped, the sanitiser's entities turned back into characters. */
function textOf(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
        return Number.isFinite(code) ? String.fromCodePoint(code) : entity
      }
      return ENTITIES[name.toLowerCase()] ?? entity
    })
    .trim()
}

export interface BodyLink {
  href: string
  text: string
}

/** The body's links (http and https only, as the sanitiser keeps them), each once, in order. */
export function linksOf(html: string): BodyLink[] {
  const links: BodyLink[] = []
  const seen = new Set<string>()
  for (const m of html.matchAll(/<a\b[^>]*?\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi)) {
    const href = textOf(m[1])
    if (!/^https?:\/\//i.test(href) || seen.has(href)) continue
    seen.add(href)
    links.push({ href, text: textOf(m[2]) || href })
  }
  return links
}
