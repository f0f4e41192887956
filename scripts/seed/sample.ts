/**
 * Writes database/sample-roster.csv: a small, realistic roster (every political status,
 * optional columns filled where they apply) for trying the roster import by hand.
 *
 *   npx tsx scripts/seed/sample.ts
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { generateDataset, rosterToCsv } from './data'

const SAMPLE_ROWS = 30

const { roster } = generateDataset({ seed: 2026, interns: SAMPLE_ROWS })
const file = resolve(__dirname, '../../database/sample-roster.csv')
writeFileSync(file, rosterToCsv(roster.slice(0, SAMPLE_ROWS)), 'utf8')
console.log(`wrote ${roster.length} rows to ${file}`)
