/**
 * The group list of teachers and the branch (components/GroupBrowser): it asks `group.list`
 * for the year, province and keyword chosen, each change starting the list again from its
 * top; it shows the function's groups and total, an empty year as such with a way back to
 * every year, and offers last, this and next internship year as China reads today.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import fc from 'fast-check'
import GroupBrowser from '../../src/components/GroupBrowser'
import { call } from '../../src/services/cloud'
import { yearChoices } from '../../src/services/dates'
import { settle } from './pending'
import { inputsOf, serveWith } from './serve'

jest.mock('../../src/services/cloud', () => ({ ...jest.requireActual('../../src/services/cloud'), call: jest.fn() }))
const mockCall = call as unknown as jest.Mock

const counts = { total: 20, partyMembers: 5, probationary: 2, activists: 3, others: 10 }
const GROUPS = [
  { id: 'a', name: '郑州市实习党小组', year: '2025-2026', province: '河南省' },
  { id: 'b', name: '郑州市实习党小组', year: '2026-2027', province: '河南省' },
  { id: 'c', name: '武汉市实习党小组', year: '2026-2027', province: '湖北省' }
].map((g) => ({ ...g, cities: [g.name.slice(0, 3)], counts, liaisonName: null, advisorNames: [], flagIssued: false }))

/** `group.list` as the function answers it, over GROUPS. */
function serve(): void {
  serveWith(mockCall, {
    'group.list': (i: { year?: string; province?: string }) => {
      const items = GROUPS.filter((g) => (!i.year || g.year === i.year) && (!i.province || g.province === i.province))
      return { items, nextCursor: null, total: items.length }
    }
  })
}

const chip = (container: HTMLElement, label: string): HTMLElement =>
  Array.from(container.querySelectorAll<HTMLElement>('.group-browser__year')).find((c) => c.textContent === label)!

describe('the group list', () => {
  beforeEach(() => mockCall.mockReset())

  it('asks for the year of the chip tapped, and shows that year\'s groups and their number', async () => {
    const years = yearChoices()
    await fc.assert(fc.asyncProperty(fc.array(fc.option(fc.constantFrom(...years), { nil: undefined }), { minLength: 1, maxLength: 4 }), async (taps) => {
      mockCall.mockReset()
      serve()
      const { container, unmount } = render(<GroupBrowser />)
      try {
        await settle()
        expect(Array.from(container.querySelectorAll('.group-browser__year')).map((c) => c.textContent)).toEqual(['全部年度', ...years])
        const asked: (string | undefined)[] = [undefined]
        for (const year of taps) {
          await settle(() => { fireEvent.click(chip(container, year ?? '全部年度')) })
          if (year !== asked[asked.length - 1]) asked.push(year)
          expect(container.querySelector('.group-browser__year--on')!.textContent).toBe(year ?? '全部年度')
          const shown = GROUPS.filter((g) => !year || g.year === year)
          expect(Array.from(container.querySelectorAll('.group-card')).length).toBe(shown.length)
          // Every year listed together: each card says its year (names repeat from year to year).
          expect(Array.from(container.querySelectorAll('.group-card__place')).map((p) => p.textContent)).toEqual(shown.map((g) => `${g.province} · ${g.cities[0]}${year ? '' : ` · ${g.year}`}`))
          if (shown.length) screen.getByText(`共 ${shown.length} 个党小组`)
          else screen.getByText(`${year}实习年度没有党小组`)
        }
        expect(inputsOf(mockCall, 'group', 'list')).toEqual(asked.map((year) => ({ pageSize: 20, ...(year ? { year } : {}) })))
      } finally {
        unmount()
      }
    }), { numRuns: 10 })
  })

  it('clears the year with the other filters', async () => {
    serve()
    const { container } = render(<GroupBrowser />)
    await settle()
    const empty = yearChoices().find((y) => !GROUPS.some((g) => g.year === y))!
    await settle(() => { fireEvent.click(chip(container, empty)) })
    screen.getByText(`${empty}实习年度没有党小组`)
    await settle(() => { fireEvent.click(screen.getByText('清除筛选')) })
    expect(container.querySelector('.group-browser__year--on')!.textContent).toBe('全部年度')
    expect(container.querySelectorAll('.group-card')).toHaveLength(GROUPS.length)
    expect(inputsOf(mockCall, 'group', 'list').at(-1)).toEqual({ pageSize: 20 })
  })

  it('offers last, this and next internship year as China reads the day, and a year chosen beyond them', () => {
    expect(yearChoices(undefined, new Date('2026-06-30T15:59:00Z'))).toEqual(['2024-2025', '2025-2026', '2026-2027'])
    expect(yearChoices(undefined, new Date('2026-06-30T16:00:00Z'))).toEqual(['2025-2026', '2026-2027', '2027-2028'])
    expect(yearChoices('2020-2021', new Date('2026-09-01T00:00:00Z'))).toEqual(['2020-2021', '2025-2026', '2026-2027', '2027-2028'])
  })
})
