/**
 * Reading roster files: rows are counted while the file is read and an over-large sheet
 * is refused at its first row too many; every kind of .xlsx cell reads as what Excel
 * shows; bulk writes are cut into requests within the limits.
 */
import fc from 'fast-check'
import type { Cell } from '../../cloudfunctions/roster/cells'
import { readTable } from '../../cloudfunctions/roster/table'
import { MAX_ROWS, rosterColumnsOf, TOO_MANY_ROWS } from '../../cloudfunctions/roster/validate'
import { rosterToCsv } from '../../scripts/seed/data'
import { ROSTER_COLUMNS } from '../../types/roster'
import { headerRowXml, POOL, tallXlsx, xlsxOf, xmlEscape } from './rosterFiles'

const read = (content: Buffer, name: string, maxDataRows = MAX_ROWS) =>
  readTable(content, name, { maxDataRows, tooManyRows: TOO_MANY_ROWS, keepColumns: rosterColumnsOf })

describe('reading a roster file', () => {
  describe('row limit', () => {
    /** Data rows with blank lines among them (blank lines are not rows of the roster). */
    const layoutArb = fc.array(fc.boolean(), { maxLength: 40 }).map((blank) => blank.map((b, i) => (b ? null : POOL[i])))

    it('refuses a file as soon as it has one data row more than allowed, counting only rows with content', async () => {
      await fc.assert(fc.asyncProperty(layoutArb, fc.integer({ min: 0, max: 40 }), fc.boolean(), async (layout, limit, xlsx) => {
        const data = layout.filter((r) => r !== null)
        const content = xlsx
          ? xlsxOf({ rows: headerRowXml() + layout.map((r, i) => (r ? `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>${r.studentNo}</t></is></c></row>` : `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t> </t></is></c></row>`)).join('') })
          : Buffer.from(rosterToCsv(layout.map((r) => r ?? Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, ''])) as never)))
        const reading = read(content, xlsx ? 'r.xlsx' : 'r.csv', limit)
        if (data.length > limit) {
          await expect(reading).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: TOO_MANY_ROWS })
          return
        }
        const table = await reading
        expect(table.rows.map((r) => r.row)).toEqual(layout.flatMap((r, i) => (r ? [i + 2] : [])))
      }), { numRuns: 60 })
    })

    it('reads a sheet of exactly MAX_ROWS rows and refuses one of MAX_ROWS + 1', async () => {
      expect((await read(tallXlsx(MAX_ROWS), 'r.xlsx')).rows).toHaveLength(MAX_ROWS)
      await expect(read(tallXlsx(MAX_ROWS + 1), 'r.xlsx')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: TOO_MANY_ROWS })
      expect(TOO_MANY_ROWS).toMatch(new RegExp(`${MAX_ROWS}.*拆分`))
    })

    it('refuses a CSV of MAX_ROWS + 1 rows', async () => {
      const csv = `${ROSTER_COLUMNS.map((c) => c.header).join(',')}\n${'2023010001,张三,,,,,,,,,,,\n'.repeat(MAX_ROWS + 1)}`
      await expect(read(Buffer.from(csv), 'r.csv')).rejects.toMatchObject({ message: TOO_MANY_ROWS })
    })
  })

  describe('.xlsx cells', () => {
    /** One cell as a spreadsheet program may write it, and what it must read as (undefined: empty). */
    interface CellCase { xml: (ref: string) => string; shared?: string; expected: Cell | undefined }
    const text = fc.string({ unit: fc.constantFrom('张', '三', 'a', 'B', '1', ' ', '&', '<', '"', '号'), minLength: 1, maxLength: 8 })
    const cellCaseArb: fc.Arbitrary<CellCase> = fc.oneof(
      text.map((t) => ({ xml: (r: string) => `<c r="${r}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(t)}</t></is></c>`, expected: { kind: 'text', text: t } as Cell })),
      fc.tuple(text, text).map(([a, b]) => ({ xml: (r: string) => `<c r="${r}" t="inlineStr"><is><r><rPr><b/></rPr><t>${xmlEscape(a)}</t></r><r><t>${xmlEscape(b)}</t></r></is></c>`, expected: { kind: 'text', text: a + b } as Cell })),
      fc.tuple(text, text).map(([a, b]) => ({ xml: () => '', shared: `<r><t>${xmlEscape(a)}</t></r><r><t>${xmlEscape(b)}</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh>`, expected: { kind: 'text', text: a + b } as Cell })),
      fc.integer({ min: 0, max: 99_999_999_999_999 }).map((n) => ({ xml: (r: string) => `<c r="${r}"><v>${n}</v></c>`, expected: { kind: 'number', value: n } as Cell })),
      fc.integer({ min: 0, max: 99_999_999_999_999 }).map((n) => ({ xml: (r: string) => `<c r="${r}"><v>${n.toExponential()}</v></c>`, expected: { kind: 'number', value: n } as Cell })),
      fc.boolean().map((b) => ({ xml: (r: string) => `<c r="${r}" t="b"><v>${b ? 1 : 0}</v></c>`, expected: { kind: 'bool', value: b } as Cell })),
      fc.constantFrom('#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?').map((e) => ({ xml: (r: string) => `<c r="${r}" t="e"><v>${e}</v></c>`, expected: { kind: 'problem', reason: `单元格错误 ${e}` } as Cell })),
      fc.constantFrom('#N/A', '#REF!').map((e) => ({ xml: (r: string) => `<c r="${r}" t="e"><f>VLOOKUP(A1,B:B,1,0)</f><v>${e}</v></c>`, expected: { kind: 'problem', reason: `单元格错误 ${e}` } as Cell })),
      text.map((t) => ({ xml: (r: string) => `<c r="${r}" t="str"><f>TRIM(A1)</f><v>${xmlEscape(t)}</v></c>`, expected: { kind: 'text', text: t } as Cell })),
      fc.integer({ min: 1, max: 9999 }).map((n) => ({ xml: (r: string) => `<c r="${r}"><f t="shared" si="0"/><v>${n}</v></c>`, expected: { kind: 'number', value: n } as Cell })),
      fc.constant({ xml: (r: string) => `<c r="${r}" t="str"><f>A1&amp;B1</f></c>`, expected: { kind: 'problem', reason: '公式没有计算结果（请在 Excel 中打开并保存后再导入）' } as Cell }),
      fc.integer({ min: 0, max: 30_000 }).map((days) => {
        const iso = new Date(Date.UTC(2000, 0, 1) + days * 86_400_000).toISOString().slice(0, 10)
        const serial = days + 36526
        return { xml: (r: string) => `<c r="${r}" s="1"><v>${serial}</v></c>`, expected: { kind: 'date', iso } as Cell }
      }),
      fc.integer({ min: 0, max: 30_000 }).map((days) => {
        const iso = new Date(Date.UTC(2000, 0, 1) + days * 86_400_000).toISOString().slice(0, 10)
        return { xml: (r: string) => `<c r="${r}" s="2"><v>${days + 36526}.75</v></c>`, expected: { kind: 'date', iso } as Cell }
      }),
      fc.constant({ xml: (r: string) => `<c r="${r}" t="d"><v>2026-07-01T00:00:00</v></c>`, expected: { kind: 'date', iso: '2026-07-01' } as Cell }),
      fc.constant({ xml: (r: string) => `<c r="${r}" s="1"/>`, expected: undefined })
    )
    // Style 1: a built-in date format (14); style 2: a custom one with time.
    const styles = '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d\\ h:mm;@"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>'

    it('reads text, rich text, numbers, booleans, dates and formula results as Excel shows them; errors and uncalculated formulas as problems', async () => {
      const width = ROSTER_COLUMNS.length
      await fc.assert(fc.asyncProperty(fc.array(fc.array(cellCaseArb, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 5 }), async (rows) => {
        const shared: string[] = []
        const xmlRows = rows.map((cells, i) => `<row r="${i + 2}">${cells.map((c, k) => {
          const ref = `${String.fromCharCode(65 + k)}${i + 2}`
          if (c.shared === undefined) return c.xml(ref)
          shared.push(c.shared)
          return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`
        }).join('')}</row>`)
        const table = await read(xlsxOf({ rows: headerRowXml() + xmlRows.join(''), sharedStrings: shared, styles }), 'r.xlsx')
        // Blank text is no value: a row of blank cells is no row.
        const blank = (c: Cell | undefined) => !c || (c.kind === 'text' && !c.text.trim())
        const nonBlank = rows.filter((cells) => cells.some((c) => !blank(c.expected)))
        expect(table.rows).toHaveLength(nonBlank.length)
        for (const [i, cells] of nonBlank.entries()) {
          cells.forEach((c, k) => {
            const cell = table.rows[i].cells[k]
            if (blank(c.expected)) expect(blank(cell)).toBe(true)
            else expect(cell).toEqual(c.expected)
          })
        }
      }), { numRuns: 80 })
    })

    it('follows the workbook to its first sheet, counts dates from 1904 when the workbook does, and keeps the header row', async () => {
      const table = await read(xlsxOf({
        rows: `${headerRowXml()}<x:row r="3"><x:c r="J3" s="1"><x:v>44743</x:v></x:c><x:c r="A3" t="s"><x:v>0</x:v></x:c></x:row>`,
        sharedStrings: ['2023010001'],
        styles: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>',
        date1904: true
      }), 'r.xlsx')
      expect(table.header).toEqual(ROSTER_COLUMNS.map((c) => c.header))
      expect(table.rows).toEqual([{ row: 3, cells: expect.arrayContaining([{ kind: 'text', text: '2023010001' }, { kind: 'date', iso: '2026-07-02' }]) }])
    })
  })
})
