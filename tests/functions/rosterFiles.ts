/**
 * Generated roster files for the import tests: valid rows from the seed generator, with
 * problems injected into some of them (each injection names the column the report must
 * blame), written as CSV or as .xlsx with every kind of cell Excel produces. Also the
 * database the tests start from, and what a correct import must leave in it.
 */
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import zlib from 'node:zlib'
import type { PersonDoc } from '../../cloudfunctions/common/model'
import { countMembers } from '../../cloudfunctions/common/people'
import { unitIdOf } from '../../cloudfunctions/roster/units'
import { generateDataset, rosterToCsv } from '../../scripts/seed/data'
import { isPartyMember, POLITICAL_STATUS_LABELS, PoliticalStatus } from '../../types/domain'
import { ROSTER_COLUMNS, RosterRow } from '../../types/roster'
import { buildFixture, loadFixture } from './fixture'
import type { Harness } from './harness'

/** Valid rows of the 2026-2027 cohort (starts from 29 June to 1 August 2026). */
export const POOL: RosterRow[] = generateDataset({ seed: 11, interns: 400 }).roster

/** Numbers of people who are not students (fixture): a roster row may not take them. */
export const NON_STUDENT_NOS = ['T0001', 'T0002', 'S0001', 'U0001']
/** A student in a group of 2025-2026 (added to the fixture by `loadRosterWorld`). */
export const LAST_YEAR_STUDENT = '2022990001'
/** Fixture students a file may update: grouped in 2026-2027, and ungrouped. */
export const FIXTURE_STUDENTS = ['2023010004', '2023010006', '2023030002', '2023030003']

/** The fixture, plus last year's group with one student in it. */
export async function loadRosterWorld(h: Harness): Promise<void> {
  const fixture = buildFixture()
  const [template] = fixture.people.filter((p) => p._id === 'intern-b')
  fixture.people.push({
    ...template, _id: 'old-1', no: LAST_YEAR_STUDENT, name: '蒋往届', openid: null, groupId: 'group-old', year: '2025-2026',
    internshipStart: '2025-07-01', internshipEnd: '2026-05-31',
    history: [{ groupId: 'group-old', groupName: '洛阳市实习党小组（2025）', at: template.createdAt, reason: '组建党小组' }]
  })
  const [groupB] = fixture.groups.filter((g) => g._id === 'group-b')
  fixture.groups.push({
    ...groupB, _id: 'group-old', key: '2025-2026/河南省/洛阳市/1', year: '2025-2026', name: '洛阳市实习党小组（2025）',
    inviteCode: 'CCCCCC', liaisonId: null, liaisonName: null, advisorIds: [], advisorNames: [], counts: countMembers([{ politicalStatus: 'masses' }])
  })
  await loadFixture(h.app, fixture)
}

// ---------------------------------------------------------------------------------------
// Problems

/** Problems any file can have. */
export const TEXT_PROBLEMS = [
  'teacherNo', 'lastYearStudent', 'duplicate', 'badPhone', 'badStatus', 'badDate', 'endBeforeStart',
  'missingName', 'badProvince', 'earlyStart', 'lateEnd', 'partyWithoutDate', 'scientificNo'
] as const
/** Problems only an .xlsx cell can have. */
export const CELL_PROBLEMS = ['formulaWithoutResult', 'errorValue', 'formulaError', 'boolean', 'dateAsName', 'longNumber'] as const
export type Problem = (typeof TEXT_PROBLEMS)[number] | (typeof CELL_PROBLEMS)[number]

/** How a valid value may be written in an .xlsx cell; all must import as the same text. */
export const CELL_STYLES = ['plain', 'number', 'richText', 'hyperlink', 'formula', 'dateCell'] as const
export type CellStyle = (typeof CELL_STYLES)[number]

/** A cell of a generated .xlsx, as ExcelJS writes it. */
export type CellValue = ExcelJS.CellValue

export interface GeneratedRow {
  row: RosterRow
  /** the injected problem and the columns the report must name; none: the row is valid */
  problem: { kind: Problem; columns: string[] } | null
  /** .xlsx: the cell written for each column (defaults to the row's text) */
  cells: Partial<Record<keyof RosterRow, CellValue>>
}

export interface GeneratedFile {
  rows: GeneratedRow[]
  /** spreadsheet row numbers (header is row 1) of the rows that must be refused */
  invalidRows: number[]
}

const header = (key: keyof RosterRow): string => ROSTER_COLUMNS.find((c) => c.key === key)!.header
const dayBefore = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
const TEXT_KEYS = ['name', 'grade', 'major', 'politicalStatus', 'unitName', 'province', 'city'] as const

/** Applies a problem to a row (in place); returns the column it breaks, or null when it cannot apply. */
function inject(g: GeneratedRow, kind: Problem, index: number, before: GeneratedRow[], pick: number): string | null {
  const r = g.row
  switch (kind) {
    case 'teacherNo': r.studentNo = NON_STUDENT_NOS[pick % NON_STUDENT_NOS.length]; return header('studentNo')
    case 'lastYearStudent': r.studentNo = LAST_YEAR_STUDENT; return header('studentNo')
    case 'duplicate': {
      // Only a number the file shows readably can be repeated (a long-number cell hides its text).
      const readable = before.filter((b) => b.problem?.kind !== 'longNumber')
      if (!readable.length) return null
      r.studentNo = readable[pick % readable.length].row.studentNo
      return header('studentNo')
    }
    case 'badPhone': r.phone = '12345'; return header('phone')
    case 'badStatus': r.politicalStatus = '党外人士'; return header('politicalStatus')
    case 'badDate': r.internshipEnd = '2027-13-01'; return header('internshipEnd')
    case 'endBeforeStart': r.internshipEnd = dayBefore(r.internshipStart); return header('internshipEnd')
    case 'missingName': r.name = ''; return header('name')
    case 'badProvince': r.province = r.province.replace(/省$/, ''); return r.province.endsWith('市') || r.province.endsWith('区') ? null : header('province')
    case 'earlyStart': r.internshipStart = '2025-12-01'; return header('internshipStart')
    case 'lateEnd': r.internshipEnd = '2028-03-01'; return header('internshipEnd')
    case 'partyWithoutDate': r.politicalStatus = '中共党员'; r.joinedPartyAt = ''; return header('joinedPartyAt')
    case 'scientificNo': r.studentNo = '2.02301E+09'; return header('studentNo')
    case 'formulaWithoutResult': {
      const key = TEXT_KEYS[pick % TEXT_KEYS.length]
      g.cells[key] = { formula: `"${r[key]}"` } as CellValue
      return header(key)
    }
    case 'errorValue': {
      const key = TEXT_KEYS[pick % TEXT_KEYS.length]
      g.cells[key] = { error: '#N/A' } as CellValue
      return header(key)
    }
    case 'formulaError': g.cells.phone = { formula: 'VLOOKUP(A1,Z1:Z2,1,FALSE)', result: { error: '#REF!' } } as CellValue; return header('phone')
    case 'boolean': {
      const key = TEXT_KEYS[pick % TEXT_KEYS.length]
      g.cells[key] = pick % 2 === 0
      return header(key)
    }
    case 'dateAsName': g.cells.name = new Date('2026-07-01T00:00:00Z'); return header('name')
    case 'longNumber': g.cells.studentNo = 12345678901234567; return header('studentNo')
  }
}

/** Writes a valid value in one of the ways Excel can hold it. */
function styled(key: keyof RosterRow, text: string, style: CellStyle): CellValue | undefined {
  if (!text) return undefined
  switch (style) {
    case 'number': return ['studentNo', 'phone'].includes(key) && /^[1-9]\d{0,14}$/.test(text) ? Number(text) : undefined
    case 'richText': return text.length > 1 ? { richText: [{ text: text.slice(0, 1), font: { bold: true } }, { text: text.slice(1) }] } : undefined
    case 'hyperlink': return { text, hyperlink: 'https://example.com/' }
    case 'formula': return { formula: `TRIM("${text}")`, result: text } as CellValue
    case 'dateCell': return /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : undefined
    default: return undefined
  }
}

export interface FileOptions {
  /** allow the problems only an .xlsx can have, and write valid values in every cell style */
  xlsx: boolean
}

/** A generated roster file: some rows valid, some with one problem each (and perhaps a teacher's number). */
export function rosterFileArb(options: FileOptions): fc.Arbitrary<GeneratedFile> {
  const problems: readonly Problem[] = options.xlsx ? [...TEXT_PROBLEMS, ...CELL_PROBLEMS] : TEXT_PROBLEMS
  const rowArb = fc.record({
    base: fc.nat(POOL.length - 1),
    problem: fc.oneof(
      { arbitrary: fc.constant(null), weight: 7 },
      // Sometimes the number is also a teacher's: the report names both problems at once.
      { arbitrary: fc.record({ kind: fc.constantFrom(...problems), pick: fc.nat(99), alsoTeacherNo: fc.boolean() }), weight: 3 }
    ),
    existing: fc.option(fc.nat(FIXTURE_STUDENTS.length - 1), { freq: 6 }),
    styles: fc.array(fc.constantFrom(...CELL_STYLES), { minLength: ROSTER_COLUMNS.length, maxLength: ROSTER_COLUMNS.length })
  })
  return fc.array(rowArb, { minLength: 1, maxLength: 14 }).map((specs) => {
    const rows: GeneratedRow[] = []
    const usedBase = new Set<number>()
    const usedExisting = new Set<number>()
    // Fewer than half the rows may start early, or the file's cohort would move to the year before.
    let earlyStarts = 0
    for (const [i, s] of specs.entries()) {
      let base = s.base
      while (usedBase.has(base)) base = (base + 1) % POOL.length
      usedBase.add(base)
      const g: GeneratedRow = { row: { ...POOL[base] }, problem: null, cells: {} }
      if (s.existing !== null && !usedExisting.has(s.existing)) {
        usedExisting.add(s.existing)
        g.row.studentNo = FIXTURE_STUDENTS[s.existing]
      }
      if (options.xlsx) {
        ROSTER_COLUMNS.forEach((c, k) => {
          const v = styled(c.key, g.row[c.key], s.styles[k])
          if (v !== undefined) g.cells[c.key] = v
        })
      }
      if (s.problem && !(s.problem.kind === 'earlyStart' && (earlyStarts + 1) * 2 >= specs.length)) {
        const column = inject(g, s.problem.kind, i, rows, s.problem.pick)
        if (column) {
          g.problem = { kind: s.problem.kind, columns: [column] }
          if (s.problem.alsoTeacherNo && column !== header('studentNo') && s.problem.kind !== 'longNumber') {
            g.row.studentNo = NON_STUDENT_NOS[s.problem.pick % NON_STUDENT_NOS.length]
            delete g.cells.studentNo
            g.problem.columns.push(header('studentNo'))
          }
          // The injected value replaces any styled cell of the columns it touched.
          for (const c of ROSTER_COLUMNS) if (g.row[c.key] !== POOL[base][c.key] && !CELL_PROBLEMS.includes(s.problem.kind as never)) delete g.cells[c.key]
          if (s.problem.kind === 'earlyStart') earlyStarts++
        }
      }
      rows.push(g)
    }
    return { rows, invalidRows: rows.flatMap((g, i) => (g.problem ? [i + 2] : [])) }
  })
}

export const toCsv = (file: GeneratedFile): string => rosterToCsv(file.rows.map((g) => g.row))

/** The file as .xlsx, each cell as generated (dates with a date format, as Excel keeps them). */
export async function toXlsx(file: GeneratedFile): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('名单')
  ws.addRow(ROSTER_COLUMNS.map((c) => c.header))
  for (const g of file.rows) {
    const row = ws.addRow(ROSTER_COLUMNS.map((c) => (c.key in g.cells ? g.cells[c.key] : g.row[c.key] || null)))
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd'
    })
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const STATUS_OF = new Map(Object.entries(POLITICAL_STATUS_LABELS).map(([k, v]) => [v, k as PoliticalStatus]))

/** The person fields a valid row must leave in the database. */
export function expectedPerson(r: RosterRow, year = '2026-2027'): Partial<PersonDoc> {
  const status = STATUS_OF.get(r.politicalStatus)!
  const party = isPartyMember(status)
  return {
    no: r.studentNo, kind: 'student', name: r.name, grade: r.grade, major: r.major, politicalStatus: status, phone: r.phone,
    unitId: unitIdOf(r), unitName: r.unitName, province: r.province, city: r.city,
    internshipStart: r.internshipStart, internshipEnd: r.internshipEnd,
    joinedPartyAt: party ? r.joinedPartyAt : null,
    probationEndsAt: status === 'probationary' ? `${Number(r.joinedPartyAt.slice(0, 4)) + 1}${r.joinedPartyAt.slice(4)}` : null,
    activistSince: r.activistSince || null, year
  }
}

/** Every document of every collection, by collection and id. */
export function storeState(h: Harness): Map<string, Map<string, any>> {
  const store = h.emulator!.store
  return new Map(store.listCollections().map((c) => [c, new Map([...store.allDocs(c)].map((d: any) => [String(d._id), d]))]))
}

const show = (x: unknown): string => JSON.stringify(x)

/**
 * Checks that an import wrote exactly `valid` rows into `before`: those people hold the
 * rows' fields (and keep everything else they had), their units exist and are marked as
 * their year's, each group's counts match its members, and nothing else changed.
 */
export function expectExactlyWritten(before: Map<string, Map<string, any>>, after: Map<string, Map<string, any>>, valid: RosterRow[]): void {
  const byNo = new Map(valid.map((r) => [r.studentNo, r]))
  const people = (s: Map<string, Map<string, any>>) => new Map([...s.get('people')!.values()].map((p) => [p.no as string, p]))
  const [was, now] = [people(before), people(after)]
  for (const [no, p] of now) {
    const row = byNo.get(no)
    if (!row) {
      expect(show(p)).toBe(show(was.get(no)))
      continue
    }
    expect(p).toMatchObject(expectedPerson(row))
    const old = was.get(no)
    if (old) for (const k of ['_id', 'openid', 'groupId', 'history', 'createdAt', 'admin']) expect(show(p[k])).toBe(show(old[k]))
  }
  expect([...now.keys()].sort()).toEqual([...new Set([...was.keys(), ...byNo.keys()])].sort())

  const units = after.get('units')!
  const expectedUnits = new Set([...before.get('units')!.keys(), ...valid.map(unitIdOf)])
  expect([...units.keys()].sort()).toEqual([...expectedUnits].sort())
  for (const [id, u] of before.get('units')!) expect(show(units.get(id))).toBe(show(u))

  for (const [id, g] of after.get('groups')!) {
    const { counts, updatedAt, ...rest } = g
    const { counts: _c, updatedAt: _u, ...restBefore } = before.get('groups')!.get(id)
    expect(show(rest)).toBe(show(restBefore))
    expect(counts).toEqual(countMembers([...now.values()].filter((p) => p.groupId === id)))
  }
  // Each written row marks its unit as its year's (what the branch's home screen counts).
  const marks = [...new Set([...(before.get('yearUnits')?.keys() ?? []), ...valid.map((r) => `${now.get(r.studentNo).year}|${unitIdOf(r)}`)])]
  expect([...(after.get('yearUnits')?.keys() ?? [])].sort()).toEqual(marks.sort())

  for (const [name, docs] of after) {
    if (['people', 'units', 'groups', 'yearUnits'].includes(name)) continue
    expect(show([...docs.values()])).toBe(show([...before.get(name)!.values()]))
  }
}

// ---------------------------------------------------------------------------------------
// Hand-made .xlsx files: every part written here, for sheets too large to build cell by
// cell and for XML that ExcelJS never writes (inline strings, phonetic guides, ...)

/** A zip archive of `files`, each deflated. */
export function zipOf(files: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8')
    const packed = zlib.deflateRawSync(data)
    const nameBytes = Buffer.from(name, 'utf8')
    const head = Buffer.alloc(30)
    head.writeUInt32LE(0x04034b50, 0)
    head.writeUInt16LE(20, 4)
    head.writeUInt16LE(0x0800, 6)
    head.writeUInt16LE(8, 8)
    head.writeUInt32LE(zlib.crc32(data), 14)
    head.writeUInt32LE(packed.length, 18)
    head.writeUInt32LE(data.length, 22)
    head.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(zlib.crc32(data), 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(head, nameBytes, packed)
    centrals.push(central, nameBytes)
    offset += head.length + nameBytes.length + packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

export const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export interface SheetXml {
  /** `<row>` elements, header included */
  rows: string | Buffer
  sharedStrings?: string[]
  /** `<numFmts>` and `<cellXfs>` content of styles.xml */
  styles?: string
  date1904?: boolean
}

/** A workbook of one sheet whose rows are given as XML, with the parts Excel writes around it. */
export function xlsxOf(sheet: SheetXml): Buffer {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
  const files: Record<string, string | Buffer> = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook ${ns}><workbookPr${sheet.date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="名单" sheetId="1" r:id="rId7"/><sheet name="其他" sheetId="2" r:id="rId8"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>',
    // The first sheet in the workbook is the second file: readers must follow the workbook, not the file names.
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>不是名单</t></is></c></row></sheetData></worksheet>`,
    'xl/worksheets/sheet2.xml': Buffer.concat([Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}><sheetData>`), Buffer.from(sheet.rows), Buffer.from('</sheetData></worksheet>')]),
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${ns}>${sheet.styles ?? '<cellXfs count="1"><xf numFmtId="0"/></cellXfs>'}</styleSheet>`
  }
  if (sheet.sharedStrings) {
    files['xl/sharedStrings.xml'] = `<?xml version="1.0" encoding="UTF-8"?><sst ${ns} count="${sheet.sharedStrings.length}">${sheet.sharedStrings.map((s) => (s.startsWith('<') ? `<si>${s}</si>` : `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`)).join('')}</sst>`
  }
  return zipOf(files)
}

/** A header row of the roster's columns as inline strings. */
export const headerRowXml = (): string =>
  `<row r="1">${ROSTER_COLUMNS.map((c, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${c.header}</t></is></c>`).join('')}</row>`

/** A sheet with `n` data rows, cheaply: each row holds a student number only. */
export function tallXlsx(n: number): Buffer {
  const parts: string[] = [headerRowXml()]
  for (let i = 2; i < n + 2; i++) parts.push(`<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>2023010001</t></is></c></row>`)
  return xlsxOf({ rows: parts.join('') })
}
