/**
 * A lesson's body on its way into RichText (components/LessonBody/html): bodies rendered
 * and sanitised by the server's own renderer from generated Markdown keep their text and
 * structure, every tag gains the class its style names, links open outside the app, and
 * the list of links WeChat readers get holds each http(s) link once, in order.
 */
import fc from 'fast-check'
import { renderRichText } from '../../cloudfunctions/common/richText'
import { decorateBody, linksOf } from '../../src/components/LessonBody/html'

const word = fc.stringMatching(/^[\u4e00-\u9fa5a-zA-Z0-9 <>&"'*_`#.:/-]{1,16}$/)
const url = fc.oneof(
  fc.stringMatching(/^[a-z0-9]{1,8}$/).map((h) => `https://${h}.example.cn/p?a=1&b=2`),
  fc.stringMatching(/^[a-z0-9]{1,8}$/).map((h) => `http://${h}.example.com/`),
  fc.constant('javascript:alert(1)'),
  fc.constant('/relative/path')
)
const inline = fc.oneof(
  word,
  word.map((w) => `**${w.trim() || '加粗'}**`),
  fc.tuple(word, url).map(([w, u]) => `[${w.replace(/[[\]]/g, '') || '链接'}](${u})`),
  word.map((w) => `\`${w.replace(/`/g, '') || 'code'}\``)
)
const line = fc.array(inline, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '))
const block = fc.oneof(
  line,
  line.map((l) => `## ${l}`),
  line.map((l) => `### ${l}`),
  line.map((l) => `> ${l}`),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => `- ${l}`).join('\n')),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l, i) => `${i + 1}. ${l}`).join('\n')),
  fc.constant('---'),
  fc.constant('<script>alert(1)</script><b onclick="x()">raw</b>')
)
const markdown = fc.array(block, { maxLength: 6 }).map((bs) => bs.join('\n\n'))

const parse = (html: string) => new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body

describe('a lesson body for RichText', () => {
  it('keeps the text and the tags, and gives every tag its rt- class and every link a new window', () => {
    fc.assert(fc.property(markdown, (md) => {
      const html = renderRichText(md)
      const before = parse(html)
      const after = parse(decorateBody(html))
      expect(after.textContent).toBe(before.textContent)
      const tags = (root: HTMLElement) => Array.from(root.querySelectorAll('*')).map((e) => e.tagName)
      expect(tags(after)).toEqual(tags(before))
      for (const el of Array.from(after.querySelectorAll('*'))) {
        const tag = el.tagName.toLowerCase()
        if (tag === 'br') continue
        expect({ tag, className: el.getAttribute('class') }).toEqual({ tag, className: `rt-${tag}` })
        if (tag === 'a') {
          expect(el.getAttribute('target')).toBe('_blank')
          expect(el.getAttribute('rel')).toMatch(/\bnoopener\b/)
        }
      }
      // The server's own attributes survive (a link's address), each once.
      expect(decorateBody(html)).not.toMatch(/<a\b[^>]*\btarget=[^>]*\btarget=/)
      expect(Array.from(after.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual(Array.from(before.querySelectorAll('a')).map((a) => a.getAttribute('href')))
    }), { numRuns: 200 })
  })

  it('lists each http(s) link once, in order, with its text', () => {
    fc.assert(fc.property(markdown, (md) => {
      const html = renderRichText(md)
      const expected: { href: string; text: string }[] = []
      for (const a of Array.from(parse(html).querySelectorAll('a'))) {
        const href = a.getAttribute('href') ?? ''
        if (!/^https?:\/\//i.test(href) || expected.some((l) => l.href === href)) continue
        expected.push({ href, text: (a.textContent ?? '').trim() || href })
      }
      expect(linksOf(html)).toEqual(expected)
    }), { numRuns: 200, examples: [['## [<a>a](http://a.example.com/)']] })
  })
})
