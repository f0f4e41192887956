/**
 * The project files the emulator reads, in CloudBase's own shapes:
 *  - a collections file: `{ "collections": [{ "name", "aclTag", "createIndexes": [
 *      { "name", "unique", "keys": [{ "name": <field>, "direction": "1" | "-1" }] }] }] }`
 *  - `cloudbaserc.json`: `functionRoot` and `functions[]` (name, timeout, handler, envVariables,
 *    triggers)
 */
import fs from 'node:fs'
import path from 'node:path'
import { IndexSpec } from './database/store'
import { FunctionConfig } from './functions/runner'
import { TimerTrigger, timerTriggersOf } from './functions/triggers'

export interface CollectionDecl {
  name: string
  aclTag?: string
  indexes: IndexSpec[]
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as Error).message}`)
  }
}

export function loadCollections(file: string): CollectionDecl[] {
  const raw = readJson(file)
  const list = Array.isArray(raw) ? raw : raw.collections
  if (!Array.isArray(list)) throw new Error(`${file}: expected { "collections": [...] }`)
  return list.map((c: any, i: number) => {
    const name = c.name ?? c.collectionName
    if (typeof name !== 'string' || !name) throw new Error(`${file}: collections[${i}] has no name`)
    const indexes: IndexSpec[] = (c.createIndexes ?? []).map((ix: any, j: number) => {
      const keys = (ix.keys ?? []).map((k: any) => ({ field: String(k.name), direction: String(k.direction) === '-1' ? -1 : 1 }))
      if (!keys.length) throw new Error(`${file}: ${name}.createIndexes[${j}] has no keys`)
      return { name: String(ix.name ?? keys.map((k: any) => `${k.field}_${k.direction}`).join('_')), unique: ix.unique === true, keys }
    })
    return { name, aclTag: c.aclTag, indexes }
  })
}

export interface CloudbaseRc {
  functionRoot?: string
  functions: FunctionConfig[]
}

/** Every function's timer triggers; a malformed one is an error naming it, as deploying it would be. */
export function timerTriggersIn(rc: CloudbaseRc): TimerTrigger[] {
  return rc.functions.flatMap((f) => timerTriggersOf(f.name, f.triggers))
}

export function loadCloudbaseRc(file: string): CloudbaseRc {
  if (!fs.existsSync(file)) return { functions: [] }
  const raw = readJson(file)
  return {
    functionRoot: typeof raw.functionRoot === 'string' ? path.resolve(path.dirname(file), raw.functionRoot) : undefined,
    functions: Array.isArray(raw.functions) ? raw.functions : []
  }
}
