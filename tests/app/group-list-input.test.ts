/**
 * The staff group list's filters always make an input `group.list` accepts: a year of
 * the chips or none, a province of the picker or none, any keyword the search box takes,
 * any cursor.
 */
import fc from 'fast-check'
import { groupActions } from '../../types/actions/group'
import { groupListInput, PROVINCES } from '../../src/components/GroupBrowser/listInput'
import { yearChoices } from '../../src/services/dates'

describe('the group list input', () => {
  it('is valid for the contract under every filter the page can set', () => {
    const filter = fc.record({
      year: fc.option(fc.constantFrom(...yearChoices()), { nil: undefined }),
      province: fc.option(fc.constantFrom(...PROVINCES), { nil: undefined }),
      keyword: fc.option(fc.string({ maxLength: 20 }), { nil: undefined })
    })
    const cursor = fc.option(fc.string({ minLength: 1, maxLength: 400 }), { nil: undefined })
    fc.assert(fc.property(filter, cursor, (f, c) => {
      const parsed = groupActions.list.input.safeParse(groupListInput(f, c))
      expect(parsed.success ? 'accepted' : parsed.error.issues[0]?.message).toBe('accepted')
      if (parsed.success) {
        expect(parsed.data.year).toBe(f.year)
        expect(parsed.data.province).toBe(f.province)
        expect(parsed.data.keyword).toBe(f.keyword?.trim() || undefined)
      }
    }), { numRuns: 300, seed: 7102 })
  })
})
