/** The emulator is a product-neutral tool: nothing in it reaches into the product. */
import fs from 'node:fs'
import path from 'node:path'

const emulatorDir = path.resolve(__dirname, '../../emulator')

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [])
}

describe('emulator independence', () => {
  it('imports only its own modules and packages', () => {
    const offenders: string[] = []
    for (const file of sources(emulatorDir)) {
      const text = fs.readFileSync(file, 'utf8')
      for (const m of text.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1]
        if (!spec.startsWith('.')) continue
        const target = path.resolve(path.dirname(file), spec)
        if (!target.startsWith(emulatorDir + path.sep)) offenders.push(`${path.relative(emulatorDir, file)} -> ${spec}`)
      }
    }
    expect(offenders).toEqual([])
  })
})
