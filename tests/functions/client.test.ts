/**
 * The typed client and the registries, as the compiler and the runtime see them: inputs
 * and outputs are typed from the contract, a registry must hold exactly its domain's
 * actions, and a call resolves with the action's data or throws its code and message.
 * (The @ts-expect-error lines are checked by `tsc`, which `npm test` runs: if a check
 * they rely on stopped working, the type-check would fail.)
 */
import { userActions } from '../../types/actions/user'
import { CallError, createCall, Transport } from '../../types/client'
import type { DomainRegistry } from '../../cloudfunctions/common/dispatcher'
import { registry as userRegistry } from '../../cloudfunctions/user/registry'

const replying = (reply: unknown): { transport: Transport; sent: unknown[] } => {
  const sent: unknown[] = []
  return { sent, transport: async (fn, event) => { sent.push([fn, event]); return reply } }
}

describe('the typed client', () => {
  it('sends { action, data } to the function and resolves with the data of a successful envelope', async () => {
    const { transport, sent } = replying({ ok: true, data: { groupId: 'g1', groupName: '郑州市实习党小组' } })
    const call = createCall(transport)
    const joined = await call('group', 'join', { inviteCode: 'AAAAAA' })
    expect(joined.groupName).toBe('郑州市实习党小组')
    expect(sent).toEqual([['group', { action: 'join', data: { inviteCode: 'AAAAAA' } }]])
  })

  it('throws the action\'s code and Chinese message as a CallError', async () => {
    const call = createCall(replying({ ok: false, error: { code: 'NOT_FOUND', message: '党小组不存在' } }).transport)
    await expect(call('group', 'detail', { groupId: 'x' })).rejects.toMatchObject({ name: 'CallError', code: 'NOT_FOUND', message: '党小组不存在' })
  })

  it('refuses a reply that is not an envelope', async () => {
    for (const reply of [null, 'ok', { ok: 'yes' }, { ok: false }, { ok: false, error: { code: 1, message: 'x' } }]) {
      const e = await createCall(replying(reply).transport)('user', 'me').catch((x: unknown) => x)
      expect(e).toBeInstanceOf(CallError)
      expect((e as CallError).code).toBe('INTERNAL')
    }
  })

  it('types inputs and outputs from the contract', () => {
    const call = createCall(replying({ ok: true, data: {} }).transport)
    const typed = async (): Promise<void> => {
      // @ts-expect-error: an action the contract does not declare
      await call('group', 'dropEverything', {})
      // @ts-expect-error: a required input field missing
      await call('group', 'detail', {})
      // @ts-expect-error: a field of the wrong type
      await call('group', 'detail', { groupId: 5 })
      const me = await call('user', 'me')
      // @ts-expect-error: a field the output does not have
      void me.password
    }
    expect(typeof typed).toBe('function')
  })
})

describe('registries', () => {
  it('hold exactly the actions of their domain\'s contract', () => {
    expect(Object.keys(userRegistry).sort()).toEqual(Object.keys(userActions).sort())
    const { me, bind, redeemInvite, createInvite, unbind } = userRegistry
    // @ts-expect-error: an action missing from the registry does not compile
    const missing = { me, bind, redeemInvite, createInvite } satisfies DomainRegistry<typeof userActions>
    // @ts-expect-error: a misspelt action does not compile
    const misspelt = { me, bind, redeemInvite, createInvite, unbnid: unbind } satisfies DomainRegistry<typeof userActions>
    // @ts-expect-error: an action defined against another action's contract does not compile
    const swapped = { me: bind, bind: me, redeemInvite, createInvite, unbind } satisfies DomainRegistry<typeof userActions>
    expect([missing, misspelt, swapped].every(Boolean)).toBe(true)
  })
})
