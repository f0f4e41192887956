/**
 * Reading people under cultivation with everything their file needs, in one aggregation:
 * the person, their cultivation document, their group (name, advisors, unit contacts) and
 * the branch's cadences — whatever the number of people asked for.
 */
import { database } from '../common/app'
import type { GroupDoc, PersonDoc } from '../common/model'
import { C } from '../common/model'
import { CultivationDoc, CV } from './model'

/** The group fields a file uses. */
export type GroupRef = Pick<GroupDoc, '_id' | 'name' | 'advisorIds' | 'advisorNames' | 'unitContactIds'>

/** A person with their cultivation (null before contacts were assigned), group and the branch's cadences. */
export interface Loaded {
  person: PersonDoc
  cultivation: CultivationDoc | null
  group: GroupRef | null
  /** the `settings` document `cadences`, or null when the branch has none */
  cadences: Record<string, unknown> | null
  /** the group's unit contacts as people (only when asked for) */
  groupUnitContacts: Pick<PersonDoc, '_id' | 'name' | 'unitName' | 'kind'>[]
}

const PERSON_FIELDS = ['no', 'kind', 'name', 'groupId', 'year', 'politicalStatus', 'activistSince', 'joinedPartyAt', 'probationEndsAt',
  'contactsAssigned', 'statusReview', 'unitName'] as const

/**
 * People by id, each with their cultivation, group and the cadences. One request; with
 * `unitContacts`, the group's unit contacts come too (for the branch choosing contacts).
 */
export async function loadPeople(ids: string[], options: { unitContacts?: boolean } = {}): Promise<Map<string, Loaded>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const db = database()
  const _ = db.command
  const $ = _.aggregate
  const projection: Record<string, unknown> = Object.fromEntries(PERSON_FIELDS.map((f) => [f, true]))
  Object.assign(projection, {
    cultivation: true, settings: true, 'group._id': true, 'group.name': true, 'group.advisorIds': true, 'group.advisorNames': true, 'group.unitContactIds': true
  })
  let q = db.collection(C.people).aggregate()
    .match({ _id: _.in(unique) })
    .limit(unique.length)
    .lookup({ from: CV.cultivations, localField: '_id', foreignField: '_id', as: 'cultivation' })
    .lookup({ from: C.groups, localField: 'groupId', foreignField: '_id', as: 'group' })
    // The cadences are one document of the branch's settings: joined by a literal id.
    .addFields({ settingsId: $.literal('cadences') })
    .lookup({ from: CV.settings, localField: 'settingsId', foreignField: '_id', as: 'settings' })
  if (options.unitContacts) {
    q = q.addFields({ groupUnitContactIds: $.ifNull([$.arrayElemAt(['$group.unitContactIds', 0]), []]) })
      .lookup({ from: C.people, localField: 'groupUnitContactIds', foreignField: '_id', as: 'groupUnitContacts' })
    Object.assign(projection, { 'groupUnitContacts._id': true, 'groupUnitContacts.name': true, 'groupUnitContacts.unitName': true, 'groupUnitContacts.kind': true })
  }
  const { data } = await q.project(projection).end()
  type Row = PersonDoc & { cultivation: CultivationDoc[]; group: GroupRef[]; settings: Record<string, unknown>[]; groupUnitContacts?: Loaded['groupUnitContacts'] }
  return new Map((data as Row[]).map(({ cultivation, group, settings, groupUnitContacts, ...person }) => [person._id, {
    person: person as PersonDoc,
    cultivation: cultivation[0] ?? null,
    group: group[0] ?? null,
    cadences: settings[0] ?? null,
    groupUnitContacts: (groupUnitContacts ?? []).filter((p) => p.kind === 'unitContact')
  }]))
}
