/**
 * Bundles each cloud function (`cloudfunctions/<name>/index.ts`, with the shared code it
 * imports) into a folder that deploys alone: `build/functions/<name>/{index.js,
 * package.json, config.json}`. `@cloudbase/node-sdk` stays a dependency that CloudBase
 * installs on deploy.
 */
import { buildSync } from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const srcRoot = path.join(root, 'cloudfunctions')
const outRoot = path.join(root, 'build', 'functions')
const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
const SHARED = new Set(['common'])
const EXTERNAL = ['@cloudbase/node-sdk']
/** The Node.js the bundles are built for: the runtime cloudbaserc.json declares (Nodejs20.15). */
export const NODE_TARGET = 'node20'

/**
 * Writes a file only when its content changes, and atomically (a temporary file renamed
 * into place): a running emulator never loads a half-written bundle, and an unchanged
 * bundle keeps its warm instances.
 */
function writeIfChanged(file: string, content: Buffer | string): void {
  const next = Buffer.isBuffer(content) ? content : Buffer.from(content)
  if (fs.existsSync(file) && fs.readFileSync(file).equals(next)) return
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, next)
  fs.renameSync(tmp, file)
}

/**
 * A function's `config.json` (the WeChat open APIs it calls, `permissions.openapi`): its
 * own from its source folder when it has one, else one that calls none.
 */
function functionConfig(name: string): string {
  const own = path.join(srcRoot, name, 'config.json')
  const config = fs.existsSync(own) ? JSON.parse(fs.readFileSync(own, 'utf8')) : { permissions: { openapi: [] } }
  return `${JSON.stringify(config, null, 2)}\n`
}

export function functionNames(): string[] {
  return fs.readdirSync(srcRoot, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !SHARED.has(e.name) && fs.existsSync(path.join(srcRoot, e.name, 'index.ts')))
    .map((e) => e.name)
    .sort()
}

export interface BuiltFunction {
  name: string
  bytes: number
  /** the project's own source files in the bundle, relative to the project root */
  sources: string[]
}

export function buildFunctions(): BuiltFunction[] {
  const built: BuiltFunction[] = []
  for (const name of functionNames()) {
    const outDir = path.join(outRoot, name)
    fs.mkdirSync(outDir, { recursive: true })
    const result = buildSync({
      entryPoints: [path.join(srcRoot, name, 'index.ts')],
      outfile: path.join(outDir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: NODE_TARGET,
      format: 'cjs',
      external: EXTERNAL,
      sourcemap: false,
      minify: true,
      keepNames: true,
      legalComments: 'none',
      logLevel: 'warning',
      metafile: true,
      write: false
    })
    const dependencies = Object.fromEntries(EXTERNAL.map((d) => [d, rootPkg.dependencies[d]]))
    writeIfChanged(path.join(outDir, 'index.js'), Buffer.from(result.outputFiles[0].contents))
    writeIfChanged(path.join(outDir, 'package.json'), `${JSON.stringify({ name, version: rootPkg.version, private: true, main: 'index.js', dependencies }, null, 2)}\n`)
    writeIfChanged(path.join(outDir, 'config.json'), functionConfig(name))
    const sources = Object.keys(result.metafile!.inputs).filter((f) => !f.includes('node_modules')).map((f) => path.relative(root, path.resolve(f))).sort()
    built.push({ name, bytes: fs.statSync(path.join(outDir, 'index.js')).size, sources })
  }
  return built
}

if (require.main === module) {
  const built = buildFunctions()
  for (const b of built) process.stdout.write(`built ${b.name} (${(b.bytes / 1024).toFixed(1)} KB)\n`)
}
