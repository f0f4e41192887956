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
import tcb from '@cloudbase/node-sdk'
import { parseArgs } from 'node:util'
import { randomCode } from '../cloudfunctions/common/codes'
import { newPerson } from '../cloudfunctions/common/people'
import { INVITE_TTL_MS } from '../cloudfunctions/user/actions/createInvite'

type App = ReturnType<typeof tcb.init>

export async function bootstrapAdmin(app: App, name: string, phone: string | null): Promise<{ personId: string; code: string; expiresAt: Date }> {
  const db = app.database()
  const now = new Date()
  const no = `S${now.getTime().toString(36).toUpperCase()}${randomCode(4)}`
  const { id } = await db.collection('people').add(newPerson({ no, kind: 'staff', name, phone, admin: true }, now))
  const code = randomCode(8)
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS)
  await db.collection('invites').add({ _id: code, personId: id, kind: 'staff', expiresAt, usedAt: null, createdAt: now })
  return { personId: id as string, code, expiresAt }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { name: { type: 'string' }, phone: { type: 'string' }, emulator: { type: 'string' } } })
  if (!values.name) {
    process.stderr.write('usage: bootstrap-admin --name <姓名> [--phone <手机>] [--emulator <adminUrl>]\n')
    process.exit(2)
  }
  process.env.TENCENTCLOUD = 'true'
  const app = values.emulator
    ? tcb.init({ env: 'local', secretId: 'local', secretKey: 'local', serviceUrl: values.emulator } as any)
    : tcb.init({ env: process.env.CLOUDBASE_ENV, secretId: process.env.TENCENTCLOUD_SECRETID, secretKey: process.env.TENCENTCLOUD_SECRETKEY })
  bootstrapAdmin(app, values.name, values.phone ?? null).then(({ code, expiresAt }) => {
    process.stdout.write(`管理员邀请码：${code}（${expiresAt.toISOString().slice(0, 10)} 前有效）\n`)
  }).catch((e: Error) => {
    process.stderr.write(`${e.message}\n`)
    process.exit(1)
  })
}
