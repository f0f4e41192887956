import type { z } from 'zod'
import { cultivationActions } from '../../../types/actions/cultivation'
import { database } from '../../common/app'
import { chinaDay } from '../../common/chinaTime'
import { isDuplicateWrite } from '../../common/db'
import { ActionContext, defineAction } from '../../common/dispatcher'
import { denied, invalid, notFound } from '../../common/errors'
import type { PersonDoc } from '../../common/model'
import { screenContent } from '../../common/ports'
import { NO_FILE, observationViewOf } from '../file'
import { COUNTED_KEPT, CultivationDoc, CV, ObservationDoc, observationId, observationKey, ObservationSide } from '../model'

type ObserveInput = z.output<typeof cultivationActions.observe.input>

/** The side the caller writes on: a teacher is a school contact, a unit contact the unit's. */
function sideOf(me: PersonDoc): ObservationSide {
  if (me.kind === 'teacher') return 'school'
  if (me.kind === 'unitContact') return 'unit'
  throw denied('只有学校联系人和单位联系人可以记录考察情况')
}

const contactField = (side: ObservationSide): 'schoolContactId' | 'unitContactId' => (side === 'school' ? 'schoolContactId' : 'unitContactId')

function observationOf(input: ObserveInput, me: PersonDoc, side: ObservationSide, year: string | null, now: Date): ObservationDoc {
  const _id = observationId(me._id, input.requestId)
  return {
    _id, requestIds: [input.requestId], personId: input.personId, year, side, authorId: me._id, authorName: me.name,
    date: input.date, aspect: input.aspect, body: input.body, key: observationKey(input.date, now, _id), createdAt: now
  }
}

/** Writes the observation; one an earlier try wrote is answered as it is. */
async function insertOnce(o: ObservationDoc): Promise<ObservationDoc> {
  try {
    await database().collection(CV.observations).add(o)
    return o
  } catch (e) {
    if (!isDuplicateWrite(e)) throw e
    const made = (await database().collection(CV.observations).doc(o._id).get()).data[0] as ObservationDoc | undefined
    if (!made || made.authorId !== o.authorId) throw e
    return made
  }
}

/**
 * Why counting wrote nothing: an earlier try of this request (its observation is answered,
 * or written now if that try died after counting), or the caller is not this person's
 * contact on their side — refused to the group's advisors, NOT_FOUND to anyone else, as
 * for a person without a file. One request (the file with this observation, if written).
 */
async function afterNoCount(o: ObservationDoc, ctx: ActionContext): Promise<ObservationDoc> {
  const _ = database().command
  const { data } = await database().collection(CV.cultivations).aggregate()
    .match({ _id: o.personId })
    .limit(1)
    .addFields({ observationId: _.aggregate.literal(o._id) })
    .lookup({ from: CV.observations, localField: 'observationId', foreignField: '_id', as: 'written' })
    .end()
  const row = data[0] as (CultivationDoc & { written: ObservationDoc[] }) | undefined
  const mine = row && row[contactField(o.side)] === o.authorId
  if (!row || !mine) {
    if (row?.groupId && ctx.caller.advisorOf.includes(row.groupId)) throw denied('只有该同志的学校联系人和单位联系人可以记录考察情况')
    throw notFound(NO_FILE)
  }
  const written = row.written[0]
  if (written) return written
  if (!(row.counted ?? []).includes(o._id)) throw notFound(NO_FILE)
  return insertOnce({ ...o, year: row.year })
}

/**
 * A contact records an observation of the person's study, work or conduct, on their side
 * (a teacher as school contact, a unit contact as unit contact), dated today or before
 * (China time); the text passes the content check. Counting it on the person's file is the
 * write that checks the caller is that contact, and it keeps the observation's id, so a
 * retry counts once; the observation is written after. Three requests with the caller, a
 * retry too; four when the first try died between counting and writing.
 */
export const observe = defineAction({
  contract: cultivationActions.observe,
  handler: async (input, ctx) => {
    const me = ctx.person()
    const side = sideOf(me)
    if (input.date > chinaDay(ctx.now)) throw invalid('考察日期不能晚于今天')
    const text = await screenContent({ texts: [input.body], scene: 'log' }, ctx.caller.openid, '考察情况')
    if (text.verdict !== 'pass') throw invalid(`考察情况需人工审核${text.reason ? `（${text.reason}）` : ''}，请修改后再提交`)
    const _ = database().command
    const draft = observationOf(input, me, side, null, ctx.now)
    const { doc } = await database().collection(CV.cultivations)
      .where({ _id: input.personId, [contactField(side)]: me._id, counted: _.neq(draft._id) })
      .updateAndReturn({ [`counts.${side}`]: _.inc(1), counted: _.push({ each: [draft._id], slice: -COUNTED_KEPT }), updatedAt: ctx.now }) as { doc: CultivationDoc | null }
    const stored = doc ? await insertOnce({ ...draft, year: doc.year }) : await afterNoCount(draft, ctx)
    return observationViewOf(stored)
  }
})
