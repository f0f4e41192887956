/**
 * Binding a WeChat account to a person, in two steps every binding action shares: claim
 * the person (one conditional update: only an unbound person can be claimed, so one
 * person binds one account), then record the binding under the openid (an insert: one
 * account binds one person). When the account turns out to be bound already, the claim
 * is undone, so a person is never left claimed without a binding.
 */
import { database } from '../common/app'
import { isDuplicateWrite } from '../common/db'
import { conflict } from '../common/errors'
import { BindingDoc, C, PersonDoc } from '../common/model'

/**
 * Claims the unbound person matching `where` for `openid`, setting `extra` too; the
 * claimed person, or null when none matches.
 */
export async function claimPerson(where: Record<string, unknown>, openid: string, now: Date, extra: Partial<PersonDoc> = {}): Promise<PersonDoc | null> {
  const { doc } = await database().collection(C.people).where({ ...where, openid: null })
    .updateAndReturn({ openid, lastOpenid: openid, boundAt: now, updatedAt: now, ...extra })
  return (doc as PersonDoc | null) ?? null
}

/**
 * Records the binding of the person just claimed. When the account is bound already (a
 * concurrent call bound it), undoes the claim, restoring `restore` (e.g. the invite code
 * the claim used up), and throws CONFLICT.
 */
export async function recordBinding(openid: string, person: PersonDoc, now: Date, restore: Partial<PersonDoc> = {}): Promise<void> {
  const db = database()
  try {
    await db.collection(C.bindings).add({ _id: openid, personId: person._id, boundAt: now } satisfies BindingDoc)
  } catch (e) {
    // Any other failure may have written the binding after all: keeping the claim then
    // leaves the person bound, where undoing it would strand the account.
    if (!isDuplicateWrite(e)) throw e
    // Undo only our own claim: the person may have been unbound and claimed again since.
    await db.collection(C.people).where({ _id: person._id, openid })
      .update({ openid: null, lastOpenid: null, boundAt: null, ...restore })
    throw conflict('该微信已绑定其他身份')
  }
}
