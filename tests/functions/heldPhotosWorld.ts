/** What the held-photo tests share: WeChat's `wxa_media_check` event and pushing it to a function as the platform does. */
import type { Harness } from './harness'

export type Suggest = 'pass' | 'risky' | 'review'

/** The event WeChat pushes when a media check finishes; 'review' stands for a check WeChat could not finish (errcode). */
export const mediaEvent = (traceId: string, suggest: Suggest) => ({
  ToUserName: 'gh_7bf1f1389686', FromUserName: 'o-someone', CreateTime: 1762329554, MsgType: 'event', Event: 'wxa_media_check',
  appid: 'wx-appid', trace_id: traceId, version: 2,
  ...(suggest === 'review' ? { errcode: 1 } : {}),
  result: { suggest: suggest === 'review' ? 'pass' : suggest, label: suggest === 'risky' ? 20002 : 100 },
  detail: [{ strategy: 'content_model', errcode: 0, suggest, label: 100, prob: 90 }]
})

/** Pushes an event to `fn` as the platform does: no user. */
export async function push(h: Harness, fn: string, event: object): Promise<{ ok: boolean; data?: any; error?: any }> {
  const { result } = await h.app.callFunction({ name: fn, data: event as any })
  return result as any
}

/** Trace ids for `n` photos of one document. */
export const traceIdsFor = (doc: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${doc.slice(0, 8)}-trace-${i}`)

/** Verdict pushes in a generated order, some sent twice (indices into the photos). */
export function sequenceOf(n: number, order: number[], repeats: number): number[] {
  const sequence = [...Array(n).keys()].sort((a, b) => (order[a] ?? 0) - (order[b] ?? 0))
  return [...sequence, ...sequence.slice(0, repeats)]
}

/** Whether a stored file still exists: storage gives a URL only for files it has. */
export async function fileExists(h: Harness, fileID: string): Promise<boolean> {
  const { fileList } = await h.app.getTempFileURL({ fileList: [fileID] })
  return fileList?.[0]?.code === 'SUCCESS' && !!fileList[0].tempFileURL
}

/** Every case the verdict properties must reach, whatever their number of runs. */
export const VERDICT_CASES = ['a check not finished', 'a risky photo', 'a verdict sent again', 'all pass', 'several photos']

/** Notes which cases the generated runs reached (compared with `VERDICT_CASES` after the property). */
export function verdictCoverage(): { note: (verdicts: Suggest[], repeats: number) => void; cases: () => string[] } {
  const seen = new Set<string>()
  return {
    note(verdicts, repeats) {
      if (verdicts.every((v) => v === 'pass')) seen.add('all pass')
      if (verdicts.includes('risky')) seen.add('a risky photo')
      if (verdicts.includes('review')) seen.add('a check not finished')
      if (verdicts.length > 1) seen.add('several photos')
      if (repeats > 0) seen.add('a verdict sent again')
    },
    cases: () => [...seen].sort()
  }
}

/** Runs that reach every case of `VERDICT_CASES` between them, tried before the generated ones. */
export const VERDICT_EXAMPLES: [{ verdicts: Suggest[]; order: number[]; repeats: number }][] = [
  [{ verdicts: ['pass', 'pass'], order: [1, 0], repeats: 1 }],
  [{ verdicts: ['risky', 'review', 'pass'], order: [2, 0, 1], repeats: 2 }]
]
