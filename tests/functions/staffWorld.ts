/**
 * Generated teachers and unit contacts for the list tests: who calls (the branch or one
 * of them), their person documents and WeChat accounts, and which groups they reach.
 * `prefix` keeps each test file's people apart.
 */
import fc from 'fast-check'
import type { GroupDoc, PersonDoc } from '../../cloudfunctions/common/model'
import type { App } from '../helpers/cloudbase'
import { OPENID } from './fixture'

export type Caller = { kind: 'admin' } | { kind: 'teacher' | 'unitContact'; index: number }

const T0 = new Date('2026-09-01T00:00:00Z')

export function staffWorld(prefix: string, staff: number) {
  const personId = (kind: 'teacher' | 'unitContact', i: number): string => `${prefix}-${kind === 'teacher' ? 'teacher' : 'contact'}-${i}`
  const openidOf = (c: Caller): string => (c.kind === 'admin' ? OPENID.admin : `o-${personId(c.kind, c.index)}`)
  return {
    personId,
    openidOf,
    callerArb: fc.oneof(
      fc.constant({ kind: 'admin' as const }),
      fc.record({ kind: fc.constantFrom('teacher' as const, 'unitContact' as const), index: fc.integer({ min: 0, max: staff - 1 }) })
    ) as fc.Arbitrary<Caller>,
    /** whether the caller looks after (or, for the branch, sees) the group */
    reaches: (c: Caller, g: GroupDoc): boolean =>
      c.kind === 'admin' || (c.kind === 'teacher' ? g.advisorIds : g.unitContactIds).includes(personId(c.kind, c.index)),
    /** Replaces the groups with `groups`, and writes the generated teachers and unit contacts, bound. */
    async write(app: App, groups: GroupDoc[]): Promise<void> {
      const db = app.database()
      const people = Array.from({ length: staff }, (_, i) => (['teacher', 'unitContact'] as const).map((kind) => staffDoc(personId(kind, i), kind, `o-${personId(kind, i)}`))).flat()
      await db.collection('groups').where({ _id: db.command.exists(true) }).remove()
      await db.collection('people').where({ _id: db.command.in(people.map((p) => p._id)) }).remove()
      await db.collection('people').add(people)
      for (let i = 0; i < groups.length; i += 500) await db.collection('groups').add(groups.slice(i, i + 500))
    }
  }
}

export function staffDoc(id: string, kind: 'teacher' | 'unitContact', openid: string): PersonDoc {
  return {
    _id: id, no: id, kind, name: id, phone: null, grade: null, major: null, politicalStatus: 'member', joinedPartyAt: null,
    probationEndsAt: null, activistSince: null, unitId: null, unitName: null, province: null, city: null, internshipStart: null,
    internshipEnd: null, groupId: null, admin: false, year: null, history: [], openid, boundAt: T0, createdAt: T0, updatedAt: T0
  }
}
