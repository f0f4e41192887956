/**
 * Cloud paths (object keys) as CloudBase treats them, and how they travel in the signed URLs
 * the emulator hands out. CloudBase's naming rules: not empty, no leading `/`, no `//`, at
 * most 850 bytes of UTF-8, none of the control characters CAN, EM, SUB, ESC. Characters it
 * only advises against (`\`, `%`, `#`, `?`, `:`, spaces, ...) are legal keys and work.
 */

const MAX_PATH_BYTES = 850
/** NUL (no key can carry it through COS's XML), and CAN, EM, SUB, ESC (refused by CloudBase). */
const FORBIDDEN_CHARS = /[\u0000\u0018-\u001b]/
/** A UTF-16 surrogate without its pair: not text, so not encodable as a UTF-8 key. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Why CloudBase would refuse `cloudPath` as an object key, or null if it takes it. */
export function cloudPathProblem(cloudPath: unknown): string | null {
  if (typeof cloudPath !== 'string' || !cloudPath) return 'cloudPath is required'
  const shown = JSON.stringify(cloudPath.length > 80 ? `${cloudPath.slice(0, 80)}...` : cloudPath)
  if (LONE_SURROGATE.test(cloudPath)) return `invalid cloudPath ${shown}: not valid Unicode text`
  if (Buffer.byteLength(cloudPath, 'utf8') > MAX_PATH_BYTES) return `invalid cloudPath ${shown}: longer than ${MAX_PATH_BYTES} bytes`
  if (cloudPath.startsWith('/')) return `invalid cloudPath ${shown}: must not start with /`
  if (FORBIDDEN_CHARS.test(cloudPath)) return `invalid cloudPath ${shown}: holds a forbidden control character`
  // An empty, `.` or `..` segment would name a folder, or another file once a URL is normalised.
  if (cloudPath.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    return `invalid cloudPath ${shown}: has an empty, . or .. segment`
  }
  return null
}

/** The path part of an upload URL: every segment percent-encoded (the SDK PUTs to it as it is). */
export function uploadUrlPath(cloudPath: string): string {
  return cloudPath.split('/').map(encodeURIComponent).join('/')
}

/**
 * The path part of a download URL. Like CloudBase's temporary URLs it is left readable,
 * because the SDK passes it through encodeURI before use; only what a URL would cut off
 * or rewrite is escaped: `%`, `?`, `#`, `\` (a separator to URL parsers) and control characters.
 */
export function downloadUrlPath(cloudPath: string): string {
  // eslint-disable-next-line no-control-regex
  return cloudPath.replace(/[%?#\\\u0000-\u001f\u007f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
}
