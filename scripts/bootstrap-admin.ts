/**
 * The first administrator of a new CloudBase environment (nobody can invite before one
 * exists): writes a branch staff member with admin rights and a one-time invite code,
 * with the server SDK, and prints the code. The person then opens the mini program and
 * redeems it (user.redeemInvite), which binds their WeChat account.
 *
 *   CLOUDBASE_ENV=<env> TENCENTCLOUD_SECRETID=... TENCENTCLOUD_SECRETKEY=... \
 *     npx tsx scripts/bootstrap-admin.ts --name 张书记 --phone 13800000000
 *   npx tsx scripts/bootstrap-admin.ts --emulator http://127.0.0.1:9090/admin --name 张书记
 */
import { parseArgs } from 'node:util'
import { C } from '../cloudfunctions/common/model'
import { newPerson } from '../cloudfunctions/common/people'
import { newInvite, openInvite, staffNo } from '../cloudfunctions/user/invites'
import { App, cloudApp, localApp } from './client'

export async function bootstrapAdmin(app: App, name: string, phone: string | null): Promise<{ personId: string; code: string; expiresAt: Date }> {
  const db = app.database()
  const now = new Date()
  const { id } = await db.collection(C.people).add(newPerson({ no: staffNo('staff', now), kind: 'staff', name, phone, admin: true }, now))
  const invite = newInvite(id as string, 'staff', now)
  await db.collection(C.invites).add(invite)
  await db.collection(C.people).doc(id as string).update(openInvite(invite))
  return { personId: id as string, code: invite._id, expiresAt: invite.expiresAt }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { name: { type: 'string' }, phone: { type: 'string' }, emulator: { type: 'string' } } })
  if (!values.name) {
    process.stderr.write('usage: bootstrap-admin --name <姓名> [--phone <手机>] [--emulator <adminUrl>]\n')
    process.exit(2)
  }
  Promise.resolve().then(() => bootstrapAdmin(values.emulator ? localApp(values.emulator) : cloudApp(), values.name!, values.phone ?? null))
    .then(({ code, expiresAt }) => {
      process.stdout.write(`管理员邀请码：${code}（${expiresAt.toISOString().slice(0, 10)} 前有效）\n`)
    })
    .catch((e: Error) => {
      process.stderr.write(`${e.message}\n`)
      process.exit(1)
    })
}
