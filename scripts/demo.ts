/**
 * A whole demo on free ports, for browser tests, screenshots and the H5 benchmark: the
 * built functions on an emulator over a fresh data folder seeded with the demo school,
 * and the built H5 app served from its own origin (which the emulator allows).
 */
import fs from 'node:fs'
import http from 'node:http'
import { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { Emulator, start } from '../emulator'
import { buildFunctions } from './build-functions'
import { seedDemo, SeedResult } from './seed/run'
import { serveStatic } from './static-server'

const root = path.resolve(__dirname, '..')
export const H5_BUILD = path.join(root, 'dist', 'h5')

export interface Demo {
  emulator: Emulator
  seeded: SeedResult
  /** the H5 app, e.g. http://127.0.0.1:40123/ */
  siteUrl: string
  stop(): Promise<void>
}

/** Starts the demo; `interns` sizes the seeded school (the full demo has 4,200). */
export async function startDemo(options: { interns?: number; seed?: number } = {}): Promise<Demo> {
  if (!fs.existsSync(path.join(H5_BUILD, 'index.html'))) throw new Error('dist/h5 is missing: run npm run build:h5')
  buildFunctions()
  const site = await serveStatic(H5_BUILD, 0)
  const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-'))
  let emulator: Emulator | undefined
  try {
    emulator = await start({
      port: 0,
      dataDir,
      collectionsFile: path.join(root, 'database/collections.json'),
      cloudbaseRc: path.join(root, 'cloudbaserc.json'),
      functionLog: () => undefined,
      allowedOrigins: [siteUrl.replace(/\/$/, '')]
    })
    const seeded = await seedDemo({ adminUrl: emulator.adminUrl, interns: options.interns, seed: options.seed })
    const em = emulator
    return {
      emulator: em,
      seeded,
      siteUrl,
      async stop() {
        await em.stop()
        await new Promise<void>((resolve) => (site as http.Server).close(() => resolve()))
        fs.rmSync(dataDir, { recursive: true, force: true })
      }
    }
  } catch (e) {
    await emulator?.stop()
    site.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
    throw e
  }
}
