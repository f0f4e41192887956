/**
 * Reading a folder the emulator did not write (an export someone downloaded, an old data
 * folder) without being led outside it: names are checked before use, symbolic links are
 * never followed, and only regular files are read.
 */
import fs from 'node:fs'
import path from 'node:path'

/** O_NOFOLLOW where the OS has it, so a link swapped in after the check is not opened either. */
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0

/** What a name segment must not hold: NUL anywhere, and on Windows a separator or a drive/stream colon. */
const UNSAFE_IN_NAME = path.sep === '\\' ? /[\\/:\u0000]/ : /[/\u0000]/

/**
 * Opens `root/relPath` for reading, where `relPath` uses `/` and stays inside `root`:
 * no absolute path, no `..`, no symbolic link on the way, and a regular file at the end.
 * @returns an open file descriptor; the caller closes it
 * @throws Error naming `relPath` (never the absolute path)
 */
export function openInside(root: string, relPath: unknown): number {
  if (typeof relPath !== 'string' || !relPath) throw new Error('a file name is missing')
  const parts = relPath.split('/')
  if (parts.some((p) => p === '' || p === '.' || p === '..' || UNSAFE_IN_NAME.test(p))) {
    throw new Error(`${JSON.stringify(relPath)} is not a plain relative file name inside the folder`)
  }
  let at = root
  for (const dir of parts.slice(0, -1)) {
    at = path.join(at, dir)
    if (!lstatOrNull(at)?.isDirectory()) throw new Error(`${relPath}: ${dir} is not a folder (links are not followed)`)
  }
  const file = path.join(at, parts[parts.length - 1])
  // Checked here too, for systems without O_NOFOLLOW (Windows).
  if (lstatOrNull(file)?.isSymbolicLink()) throw new Error(`${relPath} is a symbolic link, not a regular file`)
  let fd: number
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | NO_FOLLOW)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new Error(code === 'ELOOP' ? `${relPath} is a symbolic link, not a regular file` : `${relPath} cannot be read (${code})`)
  }
  if (!fs.fstatSync(fd).isFile()) {
    fs.closeSync(fd)
    throw new Error(`${relPath} is not a regular file`)
  }
  return fd
}

/** Reads a small text file with `openInside`'s checks. */
export function readTextInside(root: string, relPath: unknown): string {
  const fd = openInside(root, relPath)
  try {
    return fs.readFileSync(fd, 'utf8')
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * The entries under `root/dir`, walked without following links: `files` are regular
 * files, `others` anything else (links, devices, sockets), both as `/`-separated paths
 * relative to `root/dir`.
 */
export function walkInside(root: string, dir: string): { files: string[]; others: string[] } {
  const files: string[] = []
  const others: string[] = []
  const walk = (abs: string, prefix: string): void => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const rel = `${prefix}${e.name}`
      if (e.isDirectory()) walk(path.join(abs, e.name), `${rel}/`)
      else if (e.isFile()) files.push(rel)
      else others.push(rel)
    }
  }
  const start = path.join(root, dir)
  if (lstatOrNull(start)?.isDirectory()) walk(start, '')
  else if (lstatOrNull(start)) others.push('')
  return { files: files.sort(), others: others.sort() }
}

function lstatOrNull(p: string): fs.Stats | null {
  try {
    return fs.lstatSync(p)
  } catch {
    return null
  }
}
