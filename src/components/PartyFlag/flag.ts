/**
 * The Party flag (党旗), drawn for this app: a red field, 3:2, with the hammer and sickle in
 * gold in the upper hoist corner. The emblem is laid out on a 100-unit square: the sickle's
 * blade sweeps from its handle (lower left) round the right and over the top to its point;
 * the hammer lies across it, head in the upper left, shaft to the lower right.
 */
const FIELD = '#de2910'
const GOLD = '#ffde00'

const SICKLE_BLADE = 'M36.2 77.6A38 38 0 1 0 22.9 22.2Q43.6 13.7 65 20.4A26 26 0 1 1 41.8 67Z'
const SICKLE_HANDLE = '<g transform="translate(39 72) rotate(45)"><rect x="-6" y="0" width="12" height="5" rx="1"/><rect x="-4.5" y="3" width="9" height="22" rx="3"/></g>'
const HAMMER = '<g transform="translate(30 32) rotate(-45)"><path d="M-18 -7H14L17 -5V5L14 7H-18Z"/><rect x="-4.5" y="5" width="9" height="72" rx="2.5"/></g>'

/** The flag as SVG text (viewBox 300x200). */
export const PARTY_FLAG_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200">'
  + `<rect width="300" height="200" fill="${FIELD}"/>`
  + `<g fill="${GOLD}" transform="translate(18 4) scale(1.08)"><path d="${SICKLE_BLADE}"/>${SICKLE_HANDLE}${HAMMER}</g>`
  + '</svg>'

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Base64 of ASCII text: the mini program has no btoa, and its image component wants SVG in base64. */
function asciiBase64(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i += 3) {
    const [a, b, c] = [text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2)]
    const n = (a << 16) | ((b || 0) << 8) | (c || 0)
    out += B64[n >> 18] + B64[(n >> 12) & 63] + (i + 1 < text.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < text.length ? B64[n & 63] : '=')
  }
  return out
}

/** An SVG (ASCII text) as a data URI for an `Image`. */
export const svgDataUri = (svg: string): string => `data:image/svg+xml;base64,${asciiBase64(svg)}`

/** The flag as a data URI for an `Image`. */
export const PARTY_FLAG_URI = svgDataUri(PARTY_FLAG_SVG)
