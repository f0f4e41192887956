/**
 * Who a lesson goes to (components/TargetPicker): provinces chosen in any order come out
 * once each in the national order; a group is added once and removed by its chip; what
 * was picked under one kind comes back after trying another; the group search lists what
 * `group.list` answers and picks from it.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import fc from 'fast-check'
import { useState } from 'react'
import TargetPicker from '../../src/components/TargetPicker'
import { switchKind, targetSummary, toggleGroup, toggleProvince, type TargetDraft } from '../../src/components/TargetPicker/target'
import { PROVINCES } from '../../src/components/GroupBrowser/listInput'
import { call } from '../../src/services/cloud'
import { settle } from './pending'

jest.mock('../../src/services/cloud', () => ({ ...jest.requireActual('../../src/services/cloud'), call: jest.fn() }))
const mockCall = call as unknown as jest.Mock

describe('target picking', () => {
  it('keeps each province once, in the national order, whatever order they are tapped in', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...PROVINCES), { maxLength: 40 }), (taps) => {
      const chosen = taps.reduce<string[]>((c, p) => toggleProvince(c, p, PROVINCES), [])
      const odd = PROVINCES.filter((p) => taps.filter((t) => t === p).length % 2 === 1)
      expect(chosen).toEqual(odd)
    }))
  })

  it('adds a group once and takes it away on the next pick', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('g1', 'g2', 'g3', 'g4'), { maxLength: 30 }), (picks) => {
      const chosen = picks.reduce<{ id: string; name: string | null }[]>((c, id) => toggleGroup(c, { id, name: `小组${id}` }), [])
      expect(new Set(chosen.map((g) => g.id)).size).toBe(chosen.length)
      expect(chosen.map((g) => g.id).sort()).toEqual(['g1', 'g2', 'g3', 'g4'].filter((id) => picks.filter((p) => p === id).length % 2 === 1))
      expect(targetSummary({ kind: 'groups', groups: chosen })).toBe(chosen.length ? `${chosen.length}个党小组` : '未选择党小组')
    }))
    expect(switchKind('provinces', { provinces: ['河南省'], groups: [] })).toEqual({ kind: 'provinces', provinces: ['河南省'] })
    expect(targetSummary({ kind: 'provinces', provinces: ['北京市', '天津市', '河北省', '山西省'] })).toBe('北京市、天津市、河北省等4个省份')
  })

  function Harness({ initial, seen }: { initial: TargetDraft; seen: TargetDraft[] }) {
    const [value, setValue] = useState(initial)
    return <TargetPicker value={value} onChange={(t) => { seen.push(t); setValue(t) }} error={null} />
  }

  it('brings back the provinces picked before, after trying another kind', async () => {
    await fc.assert(fc.asyncProperty(fc.uniqueArray(fc.constantFrom(...PROVINCES.slice(0, 8)), { minLength: 1, maxLength: 4 }), async (taps) => {
      const seen: TargetDraft[] = []
      const view = render(<Harness initial={{ kind: 'all' }} seen={seen} />)
      try {
        fireEvent.click(screen.getByText('按省份'))
        for (const p of taps) fireEvent.click(screen.getByText(p))
        fireEvent.click(screen.getByText('全体实习生'))
        expect(seen[seen.length - 1]).toEqual({ kind: 'all' })
        fireEvent.click(screen.getByText('按省份'))
        const expected = PROVINCES.filter((p) => taps.includes(p))
        expect(seen[seen.length - 1]).toEqual({ kind: 'provinces', provinces: expected })
        expect(view.container.textContent).toContain(`已选：${targetSummary({ kind: 'provinces', provinces: expected })}`)
      } finally {
        view.unmount()
      }
    }), { numRuns: 15 })
  })

  it('lists the groups group.list answers, picks them as chips and removes a chip on tap', async () => {
    mockCall.mockImplementation(async (fn: string, action: string) => {
      expect(`${fn}.${action}`).toBe('group.list')
      return { items: [
        { id: 'g1', name: '郑州一组', province: '河南省', cities: ['郑州'] },
        { id: 'g2', name: '武汉二组', province: '湖北省', cities: ['武汉'] }
      ], nextCursor: null, total: 2 }
    })
    const seen: TargetDraft[] = []
    const view = render(<Harness initial={{ kind: 'groups', groups: [{ id: 'g9', name: null }] }} seen={seen} />)
    // A saved group whose name is not known here still shows as a chip.
    expect(view.container.textContent).toContain('已选党小组1 ×')
    fireEvent.click(screen.getByText('＋ 添加党小组'))
    await settle()
    expect(mockCall).toHaveBeenCalledWith('group', 'list', expect.objectContaining({ pageSize: expect.any(Number) }))
    fireEvent.click(screen.getByText('武汉二组'))
    fireEvent.click(screen.getByText('郑州一组'))
    fireEvent.click(screen.getByText('郑州一组'))
    expect(seen[seen.length - 1]).toEqual({ kind: 'groups', groups: [{ id: 'g9', name: null }, { id: 'g2', name: '武汉二组' }] })
    fireEvent.click(screen.getByText('已选党小组1 ×'))
    expect(seen[seen.length - 1]).toEqual({ kind: 'groups', groups: [{ id: 'g2', name: '武汉二组' }] })
    view.unmount()
  })
})
