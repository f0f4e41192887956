/**
 * The device write queue over an in-memory storage and a simulated function: order, retries
 * over a network that drops requests and answers, idempotency (the same request id every
 * try, a double tap queued once), refusals kept for the writer (a conflict among them),
 * WeChat's storage limits, and an app killed in the middle of a send.
 */
import fc from 'fast-check'
import { CallError } from '../../src/services/cloud'
import { Job, QueueDeps, STORAGE_LIMITS, utf8Bytes, WriteQueue } from '../../src/services/writeQueue'

type Outcome = 'ok' | 'lost-request' | 'lost-answer'

/** A function that applies each request id once and answers what it made, behind a scripted network. */
class Server {
  applied: { requestId: string; body: string }[] = []
  sends: { requestId: string; body: string }[] = []
  refusals = new Map<string, CallError>()
  inFlight = 0
  maxInFlight = 0
  constructor(private script: Outcome[] = []) {}
  send = async (_fn: string, _action: string, input: any): Promise<unknown> => {
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    await Promise.resolve()
    this.inFlight--
    this.sends.push({ requestId: input.requestId, body: input.body })
    const outcome = this.script.shift() ?? 'ok'
    if (outcome === 'lost-request') throw new CallError('NETWORK_ERROR', '网络不可用')
    const refusal = this.refusals.get(input.requestId)
    if (refusal) throw refusal
    if (!this.applied.some((a) => a.requestId === input.requestId)) this.applied.push({ requestId: input.requestId, body: input.body })
    if (outcome === 'lost-answer') throw new CallError('NETWORK_ERROR', '网络不可用')
    return { id: `n-${input.requestId}`, body: input.body }
  }
}

function memoryStorage() {
  const map = new Map<string, string>()
  return { map, read: (k: string) => map.get(k) ?? '', write: (k: string, v: string) => void map.set(k, v) }
}

let seq = 0
function deps(server: Server, storage = memoryStorage(), usage: QueueDeps['usage'] = () => null): QueueDeps {
  return { send: server.send, read: storage.read, write: storage.write, usage, now: () => new Date(1700000000000 + seq * 1000), newId: () => `job${++seq}` }
}

const note = (i: number, body = `第${i}篇笔记`) => ({ fn: 'journal', action: 'save', input: { requestId: `req-${i}-abcdef`, body }, label: `新笔记：${body.slice(0, 10)}` })

/** Flushes until nothing is queued (the network comes back as often as needed). */
async function drain(queue: WriteQueue): Promise<void> {
  for (let guard = 0; guard < 200; guard++) {
    await queue.flush()
    if (!queue.list().some((j) => j.state === 'queued')) return
  }
}

describe('the write queue', () => {
  it('sends every job exactly once, oldest first, with the same request id on every try, whatever the network drops', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 8 }),
      fc.array(fc.constantFrom<Outcome>('ok', 'lost-request', 'lost-answer'), { maxLength: 30 }),
      async (n, script) => {
        const server = new Server([...script])
        const queue = new WriteQueue(deps(server))
        const sent: string[] = []
        queue.subscribe((e) => { if (e.type === 'sent') sent.push(e.job.input.requestId) })
        for (let i = 0; i < n; i++) queue.enqueue(note(i))
        await drain(queue)
        const ids = Array.from({ length: n }, (_, i) => `req-${i}-abcdef`)
        expect(server.applied.map((a) => a.requestId)).toEqual(ids)
        expect(sent).toEqual(ids)
        expect(queue.list()).toEqual([])
        // every try of a job carried that job's own request id and body
        for (const s of server.sends) expect(s.body).toBe(`第${ids.indexOf(s.requestId)}篇笔记`)
        expect(server.maxInFlight).toBe(1)
      }
    ), { numRuns: 60 })
  })

  it('stops at a network failure, leaving the job queued with one more attempt, and sends nothing after it', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 4 }), async (n, okFirst) => {
      const k = Math.min(okFirst, n - 1)
      const server = new Server([...Array(k).fill('ok'), 'lost-request'])
      const queue = new WriteQueue(deps(server, memoryStorage()))
      // enqueue without its own flush running to completion first
      for (let i = 0; i < n; i++) queue.enqueue(note(i))
      const r = await queue.flush()
      await drainNothing()
      expect(server.applied).toHaveLength(k)
      const left = queue.list()
      expect(left).toHaveLength(n - k)
      expect(left[0]).toMatchObject({ state: 'queued', attempts: 1, error: { code: 'NETWORK_ERROR' } })
      expect(left.slice(1).every((j) => j.attempts === 0 && j.state === 'queued')).toBe(true)
      expect(r.stopped || server.sends.length === k + 1).toBe(true)
    }), { numRuns: 40 })
  })

  it('queues a double tap once: enqueues under the same key answer the first job', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 2, max: 6 }), async (taps) => {
      const server = new Server(Array(10).fill('lost-request'))
      const queue = new WriteQueue(deps(server))
      const jobs = Array.from({ length: taps }, () => queue.enqueue({ ...note(1), key: 'journal:new:session1' }))
      expect(new Set(jobs.map((j) => j.id)).size).toBe(1)
      expect(queue.list()).toHaveLength(1)
    }), { numRuns: 20 })
  })

  it('keeps a refused job as failed with the function\'s message, and goes on with the others', async () => {
    const codes = ['INVALID_ARGUMENT', 'CONFLICT', 'PERMISSION_DENIED', 'NOT_FOUND', 'FAILED_PRECONDITION'] as const
    await fc.assert(fc.asyncProperty(fc.integer({ min: 2, max: 6 }), fc.nat(), fc.constantFrom(...codes), async (n, pick, code) => {
      const server = new Server()
      const bad = pick % n
      server.refusals.set(`req-${bad}-abcdef`, new CallError(code, '这篇笔记已在别处修改，请查看最新版本'))
      const queue = new WriteQueue(deps(server))
      for (let i = 0; i < n; i++) queue.enqueue(note(i))
      await drain(queue)
      expect(queue.list()).toHaveLength(1)
      expect(queue.list()[0]).toMatchObject({ state: 'failed', error: { code, message: '这篇笔记已在别处修改，请查看最新版本' }, input: { requestId: `req-${bad}-abcdef` } })
      expect(server.applied).toHaveLength(n - 1)
      // a failed job waits for the writer: further flushes do not send it
      const before = server.sends.length
      await queue.flush()
      expect(server.sends.length).toBe(before)
      // retry, once the writer chose to (here: the function now accepts it)
      server.refusals.clear()
      await queue.retry(queue.list()[0].id)
      expect(queue.list()).toEqual([])
      expect(server.applied).toHaveLength(n)
    }), { numRuns: 30 })
  })

  it('lets the writer discard a job, which is then never sent', async () => {
    const server = new Server(['lost-request'])
    const queue = new WriteQueue(deps(server))
    const job = queue.enqueue(note(1))
    await queue.flush()
    queue.discard(job.id)
    await drain(queue)
    expect(server.applied).toEqual([])
    expect(queue.list()).toEqual([])
  })

  it('refuses, with a Chinese message and nothing written, a job that would pass 1 MB in its key', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 10_000, max: 120_000 }), { minLength: 1, maxLength: 20 }), async (sizes) => {
      const storage = memoryStorage()
      const server = new Server(Array(100).fill('lost-request'))
      const queue = new WriteQueue(deps(server, storage))
      let refused = 0
      for (const [i, size] of sizes.entries()) {
        const before = storage.map.get('writeQueue')
        try {
          queue.enqueue(note(i, '笔'.repeat(size / 3)))
        } catch (e) {
          refused++
          expect(e).toMatchObject({ code: 'QUEUE_FULL' })
          expect((e as Error).message).toMatch(/存储空间已满/)
          expect(storage.map.get('writeQueue')).toBe(before)
        }
        expect(utf8Bytes(storage.map.get('writeQueue') ?? '')).toBeLessThanOrEqual(STORAGE_LIMITS.perKey)
      }
      const total = sizes.reduce((a, b) => a + b, 0)
      if (total < STORAGE_LIMITS.perKey * 0.9) expect(refused).toBe(0)
    }), { numRuns: 25 })
  })

  it('refuses a job that would pass the app\'s 10 MB in all', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 10 * 1024 * 1024 }), fc.integer({ min: 100, max: 300_000 }), async (usedByOthers, size) => {
      const storage = memoryStorage()
      const usage = () => ({ used: usedByOthers + utf8Bytes(storage.map.get('writeQueue') ?? ''), limit: STORAGE_LIMITS.total })
      const queue = new WriteQueue(deps(new Server(['lost-request']), storage, usage))
      const job = note(1, 'a'.repeat(size))
      const wouldBe = usedByOthers + utf8Bytes(JSON.stringify([{ ...job, id: 'x', createdAt: new Date().toISOString(), state: 'queued', attempts: 0 }]))
      let ok = true
      try { queue.enqueue(job) } catch (e) { ok = false; expect(e).toMatchObject({ code: 'QUEUE_FULL' }) }
      // a margin of a few bytes for the id: the answer is exact away from the edge
      if (wouldBe < STORAGE_LIMITS.total - 64) expect(ok).toBe(true)
      if (wouldBe > STORAGE_LIMITS.total + 64) expect(ok).toBe(false)
    }), { numRuns: 50 })
  })

  it('after the app is killed in the middle of a send, queues the job again and the re-send is applied once', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.nat(), fc.boolean(), async (n, pick, reachedServer) => {
      const storage = memoryStorage()
      const killedAt = pick % n
      // the first app: sends until job `killedAt`, whose call never answers (the app dies)
      const first = new Server()
      let calls = 0
      const hanging: QueueDeps = { ...deps(first, storage), send: (fn, action, input: any) => {
        if (calls++ < killedAt) return first.send(fn, action, input)
        if (reachedServer) first.applied.push({ requestId: input.requestId, body: input.body })
        return new Promise(() => undefined)
      } }
      const old = new WriteQueue(hanging)
      for (let i = 0; i < n; i++) old.enqueue(note(i))
      await new Promise((r) => setTimeout(r, 0))
      const stored = JSON.parse(storage.map.get('writeQueue')!) as Job[]
      expect(stored[0]).toMatchObject({ state: 'sending', input: { requestId: `req-${killedAt}-abcdef` } })
      // the app starts again over the same storage, with the same function behind it
      const again = new WriteQueue({ ...deps(first, storage) })
      expect(again.list().map((j) => j.state)).toEqual(Array(n - killedAt).fill('queued'))
      await drain(again)
      expect(first.applied.map((a) => a.requestId)).toEqual(Array.from({ length: n }, (_, i) => `req-${i}-abcdef`))
    }), { numRuns: 40 })
  })

  it('runs one flush at a time however often it is asked', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 5 }), async (n, asks) => {
      const server = new Server()
      const queue = new WriteQueue(deps(server))
      for (let i = 0; i < n; i++) queue.enqueue(note(i))
      await Promise.all(Array.from({ length: asks }, () => queue.flush()))
      await drain(queue)
      expect(server.maxInFlight).toBe(1)
      expect(server.sends).toHaveLength(n)
    }), { numRuns: 30 })
  })

  it('starts empty over storage it cannot read', () => {
    const storage = memoryStorage()
    storage.map.set('writeQueue', '{not json')
    expect(new WriteQueue(deps(new Server(), storage)).list()).toEqual([])
  })
})

async function drainNothing(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}
