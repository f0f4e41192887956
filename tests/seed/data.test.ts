import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import fc from 'fast-check'
import { POLITICAL_STATUS_LABELS } from '../../types/domain'
import { ROSTER_COLUMNS, type RosterRow } from '../../types/roster'
import {
  MAJORS,
  REFERENCE_DATE,
  generateDataset,
  mulberry32,
  rosterToCsv,
  type SeedDataset
} from '../../scripts/seed/data'

const L = POLITICAL_STATUS_LABELS
const PARTY = new Set([L.member, L.probationary])
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const DAY_MS = 86_400_000

const isValidDate = (s: string): boolean =>
  ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s
const daysBetween = (a: string, b: string): number => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS

/** A strict RFC 4180 reader: quoted cells may hold quotes (doubled), commas, CR and LF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  let wasQuoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch !== '"') cell += ch
      else if (text[i + 1] === '"') {
        cell += '"'
        i++
      } else quoted = false
      continue
    }
    if (ch === '"') {
      if (cell !== '' || wasQuoted) throw new Error(`stray quote at ${i}`)
      quoted = wasQuoted = true
    } else if (ch === ',') {
      row.push(cell)
      cell = ''
      wasQuoted = false
    } else if (ch === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      wasQuoted = false
    } else if (ch === '\r') {
      throw new Error(`bare CR at ${i}`)
    } else {
      if (wasQuoted) throw new Error(`text after closing quote at ${i}`)
      cell += ch
    }
  }
  if (quoted) throw new Error('unterminated quoted cell')
  if (cell !== '' || row.length > 0 || wasQuoted) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

const csvToRows = (text: string): RosterRow[] => {
  const [header, ...body] = parseCsv(text)
  expect(header).toEqual(ROSTER_COLUMNS.map((c) => c.header))
  return body.map((cells) => {
    expect(cells).toHaveLength(ROSTER_COLUMNS.length)
    const row = {} as RosterRow
    ROSTER_COLUMNS.forEach((c, i) => (row[c.key] = cells[i]))
    return row
  })
}

let data: SeedDataset

beforeAll(() => {
  data = generateDataset()
})

describe('determinism', () => {
  test('mulberry32 is a pure function of its seed', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const xs = Array.from({ length: 100 }, () => a())
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs)
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(new Set(xs).size).toBe(100)
  })

  test('the same seed gives byte-identical output; a different seed differs', () => {
    const again = generateDataset({ seed: 2026, interns: 4200 })
    expect(JSON.stringify(again)).toBe(JSON.stringify(data))
    expect(rosterToCsv(again.roster)).toBe(rosterToCsv(data.roster))
    const other = generateDataset({ seed: 2027 })
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(data))
  })

  test('deterministic for arbitrary seeds and sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 32 }), fc.integer({ min: 0, max: 120 }), (seed, interns) => {
        const a = generateDataset({ seed, interns })
        expect(JSON.stringify(generateDataset({ seed, interns }))).toBe(JSON.stringify(a))
        expect(a.roster).toHaveLength(interns)
        expect(new Set(a.roster.map((r) => r.studentNo)).size).toBe(interns)
      }),
      { numRuns: 40 }
    )
  })

  test('never touches Math.random or the clock', () => {
    const random = jest.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used')
    })
    const now = jest.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now used')
    })
    try {
      expect(generateDataset({ seed: 7, interns: 300 }).roster).toHaveLength(300)
    } finally {
      random.mockRestore()
      now.mockRestore()
    }
  })

  test('rejects a bad intern count', () => {
    expect(() => generateDataset({ interns: -1 })).toThrow(RangeError)
    expect(() => generateDataset({ interns: 2.5 })).toThrow(RangeError)
    expect(generateDataset({ interns: 0 })).toEqual({ roster: [], teachers: [], unitContacts: [], units: [] })
  })
})

describe('default scale', () => {
  test('4200 interns', () => {
    expect(data.roster).toHaveLength(4200)
  })

  test('500+ distinct units in 20+ provinces; the unit list is exactly the units in the roster', () => {
    const rosterUnits = new Set(data.roster.map((r) => `${r.province}|${r.city}|${r.unitName}`))
    const listed = data.units.map((u) => `${u.province}|${u.city}|${u.name}`)
    expect(rosterUnits.size).toBeGreaterThanOrEqual(500)
    expect(new Set(listed).size).toBe(listed.length) // unit names unique within a city
    expect(new Set(listed)).toEqual(rosterUnits)
    expect(new Set(data.roster.map((r) => r.province)).size).toBeGreaterThanOrEqual(20)
    expect(data.units.some((u) => u.kind === 'clinic')).toBe(true)
    expect(data.units.some((u) => u.kind === 'hospital')).toBe(true)
  })

  test('1000+ Party members, probationary members and activists', () => {
    const count = data.roster.filter((r) => PARTY.has(r.politicalStatus) || r.politicalStatus === L.activist).length
    expect(count).toBeGreaterThanOrEqual(1000)
  })

  test('student numbers and phones are unique and well formed', () => {
    const nos = data.roster.map((r) => r.studentNo)
    expect(new Set(nos).size).toBe(nos.length)
    for (const r of data.roster) {
      expect(r.studentNo).toMatch(/^\d{10,12}$/)
      expect(r.studentNo.slice(0, 4) + '级').toBe(r.grade)
    }
    const phones = [...data.roster.map((r) => r.phone), ...data.teachers.map((t) => t.phone), ...data.unitContacts.map((c) => c.phone)]
    expect(new Set(phones).size).toBe(phones.length)
    for (const p of phones) expect(p).toMatch(/^1(3\d|5[0-35-9]|7[35-8]|8\d|9[13589])\d{8}$/)
  })

  test('most interns are in Henan, and interns per unit are skewed', () => {
    const henan = data.roster.filter((r) => r.province === '河南省').length / data.roster.length
    expect(henan).toBeGreaterThan(0.55)
    expect(henan).toBeLessThan(0.6)
    const perUnit = new Map<string, number>()
    for (const r of data.roster) perUnit.set(`${r.city}|${r.unitName}`, (perUnit.get(`${r.city}|${r.unitName}`) ?? 0) + 1)
    for (const u of data.units) if (u.kind === 'clinic') expect(perUnit.get(`${u.city}|${u.name}`)).toBeLessThanOrEqual(5)
    const sizes = [...perUnit.values()].sort((a, b) => b - a)
    expect(sizes[0]).toBeGreaterThanOrEqual(25)
    expect(sizes.filter((s) => s <= 3).length).toBeGreaterThan(100)
    // some provinces are thin
    const perProvince = new Map<string, number>()
    for (const r of data.roster) perProvince.set(r.province, (perProvince.get(r.province) ?? 0) + 1)
    expect(Math.min(...perProvince.values())).toBeLessThanOrEqual(10)
  })

  test('teachers and unit contacts', () => {
    expect(data.teachers).toHaveLength(60)
    expect(data.teachers.map((t) => t.staffNo)).toEqual(Array.from({ length: 60 }, (_, i) => `T${String(i + 1).padStart(4, '0')}`))
    for (const t of data.teachers) expect(t.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/)
    expect(data.unitContacts.length).toBeGreaterThanOrEqual(140)
    expect(data.unitContacts.length).toBeLessThanOrEqual(160)
    const units = new Set(data.units.map((u) => `${u.province}|${u.city}|${u.name}`))
    const perUnit = new Map<string, number>()
    for (const c of data.unitContacts) {
      const key = `${c.province}|${c.city}|${c.unitName}`
      expect(units.has(key)).toBe(true)
      perUnit.set(key, (perUnit.get(key) ?? 0) + 1)
    }
    expect(Math.max(...perUnit.values())).toBeLessThanOrEqual(2)
    expect([...perUnit.values()].some((v) => v === 2)).toBe(true)
  })
})

describe('row contents', () => {
  test('political status cells are the Chinese labels, all five present', () => {
    const labels = new Set(Object.values(L))
    for (const r of data.roster) expect(labels.has(r.politicalStatus)).toBe(true)
    expect(new Set(data.roster.map((r) => r.politicalStatus))).toEqual(labels)
  })

  test('names, grades and majors look real', () => {
    const majors = new Set<string>(MAJORS.map((m) => m.name))
    for (const r of data.roster) {
      expect(r.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/)
      expect(['2022级', '2023级', '2024级', '2025级']).toContain(r.grade)
      expect(majors.has(r.major)).toBe(true)
    }
    expect(new Set(data.roster.map((r) => r.grade)).size).toBe(4)
    // duplicate full names exist, as in any large college
    expect(new Set(data.roster.map((r) => r.name)).size).toBeLessThan(data.roster.length)
  })

  test('internship dates are valid, start before end', () => {
    for (const r of data.roster) {
      expect(isValidDate(r.internshipStart)).toBe(true)
      expect(isValidDate(r.internshipEnd)).toBe(true)
      expect(r.internshipStart < r.internshipEnd).toBe(true)
      expect(r.internshipStart.startsWith('2026-')).toBe(true)
      expect(['2027-04-30', '2027-05-31']).toContain(r.internshipEnd)
    }
  })

  test('Party dates: joined only for members, probationary within the year before the reference date', () => {
    for (const r of data.roster) {
      const party = PARTY.has(r.politicalStatus)
      expect(r.joinedPartyAt !== '').toBe(party)
      expect(r.activistSince !== '').toBe(party || r.politicalStatus === L.activist)
      if (r.activistSince) {
        expect(isValidDate(r.activistSince)).toBe(true)
        expect(r.activistSince < REFERENCE_DATE).toBe(true)
        expect(r.activistSince >= `${Number(r.grade.slice(0, 4)) + 1}-03-01`).toBe(true)
      }
      if (!party) continue
      expect(isValidDate(r.joinedPartyAt)).toBe(true)
      expect(r.activistSince < r.joinedPartyAt).toBe(true)
      expect(daysBetween(r.activistSince, r.joinedPartyAt)).toBeGreaterThanOrEqual(365)
      const age = daysBetween(r.joinedPartyAt, REFERENCE_DATE)
      if (r.politicalStatus === L.probationary) {
        expect(age).toBeGreaterThanOrEqual(0)
        expect(age).toBeLessThan(365)
      } else {
        expect(age).toBeGreaterThan(365)
      }
    }
  })

  test('at least one province with interns has no Party member', () => {
    const provinces = new Set(data.roster.map((r) => r.province))
    const withMembers = new Set(data.roster.filter((r) => PARTY.has(r.politicalStatus)).map((r) => r.province))
    expect([...provinces].filter((p) => !withMembers.has(p)).length).toBeGreaterThanOrEqual(1)
  })

  test('geography: proper suffixes, no doubled 市', () => {
    for (const r of data.roster) {
      expect(r.province).toMatch(/(省|市|自治区)$/)
      expect(r.city).toMatch(/市$/)
      expect(r.unitName).not.toContain('市市')
      if (r.province.endsWith('市')) expect(r.city).toBe(r.province)
    }
    for (const c of data.unitContacts) expect(c.unitName).not.toContain('市市')
    const cities = new Set(data.roster.filter((r) => r.province === '河南省').map((r) => r.city))
    for (const c of ['郑州市', '漯河市', '洛阳市', '南阳市', '周口市', '驻马店市', '信阳市']) expect(cities.has(c)).toBe(true)
  })
})

describe('rosterToCsv', () => {
  test('header row is the Chinese headers in column order, with \\n line ends', () => {
    const csv = rosterToCsv(data.roster.slice(0, 5))
    expect(csv.split('\n')[0]).toBe('学号,姓名,年级,专业,政治面貌,手机,实习单位,省,市,实习开始,实习结束,入党时间,确定积极分子时间')
    expect(csv.endsWith('\n')).toBe(true)
    expect(csv).not.toContain('\r')
    expect(csv.split('\n')).toHaveLength(7)
  })

  test('the generated roster round-trips', () => {
    expect(csvToRows(rosterToCsv(data.roster))).toEqual(data.roster)
  })

  test('quotes, commas and line breaks in a cell round-trip', () => {
    const row: RosterRow = {
      ...data.roster[0],
      name: '王"小"明',
      unitName: '漯河市中心医院,口腔科',
      city: '漯河市\n源汇区',
      major: '"护理"',
      joinedPartyAt: '\r\n',
      activistSince: ','
    }
    const csv = rosterToCsv([row])
    expect(csv).toContain('"王""小""明"')
    expect(csvToRows(csv)).toEqual([row])
  })

  test('arbitrary cells round-trip', () => {
    const cell = fc.string({ unit: fc.constantFrom('"', ',', '\n', '\r', ' ', 'a', '漯', '1') })
    const row = fc.record(Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, cell])) as Record<keyof RosterRow, fc.Arbitrary<string>>)
    fc.assert(fc.property(fc.array(row, { maxLength: 5 }), (rows) => {
      expect(csvToRows(rosterToCsv(rows))).toEqual(rows)
    }))
  })
})

describe('sample roster file', () => {
  const file = resolve(__dirname, '../../database/sample-roster.csv')

  test('is what scripts/seed/sample.ts writes', () => {
    const expected = rosterToCsv(generateDataset({ seed: 2026, interns: 30 }).roster.slice(0, 30))
    expect(readFileSync(file, 'utf8')).toBe(expected)
  })

  test('covers every political status and fills the optional columns', () => {
    const rows = csvToRows(readFileSync(file, 'utf8'))
    expect(rows).toHaveLength(30)
    expect(new Set(rows.map((r) => r.politicalStatus))).toEqual(new Set(Object.values(L)))
    expect(rows.some((r) => r.joinedPartyAt !== '')).toBe(true)
    expect(rows.some((r) => r.activistSince !== '' && r.joinedPartyAt === '')).toBe(true)
  })
})
