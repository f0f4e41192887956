/**
 * The CloudBase app of the running function: the environment it runs in, as on
 * CloudBase (the emulator gives functions the same environment).
 */
import tcb from '@cloudbase/node-sdk'

let app: ReturnType<typeof tcb.init> | undefined

export function cloud(): ReturnType<typeof tcb.init> {
  app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  return app
}

export const database = () => cloud().database()
