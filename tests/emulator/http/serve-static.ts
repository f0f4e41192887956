/** Runs the H5 static server on a free port for the tests: `serve-static.ts <dir>`. */
import { AddressInfo } from 'node:net'
import { serveStatic } from '../../../scripts/static-server'

serveStatic(process.argv[2], 0).then((server) => {
  process.stdout.write(`static site at http://127.0.0.1:${(server.address() as AddressInfo).port}\n`)
  process.once('SIGTERM', () => process.exit(0))
})
