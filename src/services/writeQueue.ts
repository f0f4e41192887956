/**
 * The device's write queue: writes made on a weak network (notes now, check-ins and
 * volunteer records later) wait here, in Taro storage under one key, until they reach
 * their function. Each job carries its client request id and is sent with that same id on
 * every try, so a re-send after a dropped answer, a crash mid-send or a double tap is
 * applied once by the function.
 *
 * - flush: oldest first, one at a time; a job is marked `sending` (and stored) before its
 *   call; a network failure stops the flush and leaves the job queued; a refusal the
 *   function will always give marks it `failed` with its Chinese message, kept for the
 *   writer; success removes it and tells subscribers what the function answered.
 * - start-up: a job left `sending` (the app was killed mid-send) is queued again.
 * - limits: WeChat keeps at most 1 MB per key and 10 MB per app: an enqueue that would
 *   pass either is refused with a Chinese message, before anything is written.
 */
import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../types/contract'
import { call, CallError } from './cloud'

export type JobState = 'queued' | 'sending' | 'failed'

/** One write waiting for its function. */
export interface Job {
  id: string
  fn: string
  action: string
  /** the action's input, with its client request id */
  input: { requestId: string } & Record<string, unknown>
  /** what it is, for the writer (Chinese), e.g. 新笔记：今天学习了… */
  label: string
  createdAt: string
  state: JobState
  /** the last failure: a refusal (state failed) or the last network error (state queued) */
  error?: { code: string; message: string }
  attempts: number
  /** enqueueing twice with the same key adds one job (a double tap) */
  key?: string
}

/** What subscribers hear: any change of the jobs, or a job the function accepted. */
export type QueueEvent = { type: 'change' } | { type: 'sent'; job: Job; result: unknown }

/** Codes the function will answer again whatever the network does: re-sending cannot help. */
const REFUSALS = new Set(['INVALID_ARGUMENT', 'CONFLICT', 'PERMISSION_DENIED', 'NOT_FOUND', 'FAILED_PRECONDITION', 'NOT_BOUND', 'UNAUTHENTICATED'])

/** True for a refusal the function will always give; false for the network, a timeout, an overload. */
export const isRefusal = (e: unknown): boolean => e instanceof CallError && REFUSALS.has(e.code)

/** WeChat's storage limits (bytes). */
export const STORAGE_LIMITS = { perKey: 1024 * 1024, total: 10 * 1024 * 1024 } as const

export const QUEUE_KEY = 'writeQueue'

/** UTF-8 bytes of a string, as storage counts them. */
export function utf8Bytes(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

/** Where the queue keeps its jobs and how it sends them; tests pass their own. */
export interface QueueDeps {
  send: (fn: string, action: string, input: unknown) => Promise<unknown>
  read: (key: string) => unknown
  write: (key: string, value: string) => void
  /** bytes used by all keys and the app's limit, when the platform tells */
  usage: () => { used: number; limit: number } | null
  now: () => Date
  newId: () => string
}

/** A random id of [A-Za-z0-9], fit for a client request id. */
export function newRequestId(length = 20): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  let s = ''
  for (let i = 0; i < length; i++) s += chars[Math.floor(Math.random() * chars.length)]
  return s
}

function platformUsage(): { used: number; limit: number } | null {
  try {
    const info = Taro.getStorageInfoSync()
    if (!Number.isFinite(info.currentSize)) return null
    const limit = Number.isFinite(info.limitSize) && info.limitSize > 0 ? Math.min(info.limitSize * 1024, STORAGE_LIMITS.total) : STORAGE_LIMITS.total
    return { used: info.currentSize * 1024, limit }
  } catch {
    return null
  }
}

const defaultDeps = (): QueueDeps => ({
  send: (fn, action, input) => (call as unknown as (f: string, a: string, i: unknown) => Promise<unknown>)(fn, action, input),
  read: (key) => Taro.getStorageSync(key),
  write: (key, value) => Taro.setStorageSync(key, value),
  usage: platformUsage,
  now: () => new Date(),
  newId: () => newRequestId(16)
})

/** What an enqueue names: the action, its input (with a request id), a label, a dedupe key. */
export interface NewJob {
  fn: string
  action: string
  input: { requestId: string } & Record<string, unknown>
  label: string
  key?: string
}

/** The result of a flush: how many were sent and refused, and whether the network stopped it. */
export interface FlushResult {
  sent: number
  failed: number
  stopped: boolean
}

export const QUEUE_FULL_MESSAGE = '手机上待发送的内容太多，存储空间已满：请连上网络发送后再保存'

export class WriteQueue {
  private jobs: Job[]
  private readonly listeners = new Set<(e: QueueEvent) => void>()
  private flushing: Promise<FlushResult> | null = null

  constructor(private readonly deps: QueueDeps = defaultDeps(), private readonly key = QUEUE_KEY) {
    this.jobs = this.load()
    // The app was killed while these were being sent: the request id makes sending them again safe.
    if (this.jobs.some((j) => j.state === 'sending')) {
      this.jobs = this.jobs.map((j) => (j.state === 'sending' ? { ...j, state: 'queued' as const } : j))
      this.persist(this.jobs)
    }
  }

  private load(): Job[] {
    try {
      const raw = this.deps.read(this.key)
      const parsed = typeof raw === 'string' && raw ? JSON.parse(raw) : raw
      return Array.isArray(parsed) ? (parsed as Job[]).filter((j) => j && typeof j.id === 'string' && j.input) : []
    } catch {
      return []
    }
  }

  /** Checks the serialised jobs against the storage limits and writes them; throws QUEUE_FULL. */
  private persist(next: Job[], check = false): void {
    const text = JSON.stringify(next)
    if (check) {
      const bytes = utf8Bytes(text)
      if (bytes > STORAGE_LIMITS.perKey) throw new CallError('QUEUE_FULL', QUEUE_FULL_MESSAGE)
      const usage = this.deps.usage()
      if (usage) {
        const before = utf8Bytes(JSON.stringify(this.jobs))
        if (usage.used - before + bytes > usage.limit) throw new CallError('QUEUE_FULL', QUEUE_FULL_MESSAGE)
      }
    }
    try {
      this.deps.write(this.key, text)
    } catch {
      // The platform refused the write (its quota): nothing changed on the device.
      if (check) throw new CallError('QUEUE_FULL', QUEUE_FULL_MESSAGE)
    }
    this.jobs = next
  }

  private emit(e: QueueEvent): void {
    for (const l of [...this.listeners]) l(e)
  }

  private update(id: string, patch: Partial<Job>): void {
    this.persist(this.jobs.map((j) => (j.id === id ? { ...j, ...patch } : j)))
  }

  /** The jobs, oldest first. */
  list(): Job[] {
    return this.jobs
  }

  get(id: string): Job | undefined {
    return this.jobs.find((j) => j.id === id)
  }

  /**
   * Adds a write (or answers the job already queued under its key), then starts a flush.
   * Throws CallError QUEUE_FULL (Chinese) when the device cannot hold it.
   */
  enqueue(job: NewJob): Job {
    const same = job.key ? this.jobs.find((j) => j.key === job.key) : undefined
    if (same) return same
    const created: Job = { ...job, id: this.deps.newId(), createdAt: this.deps.now().toISOString(), state: 'queued', attempts: 0 }
    this.persist([...this.jobs, created], true)
    this.emit({ type: 'change' })
    void this.flush()
    return created
  }

  /** Forgets a job the writer gave up on (a job being sent cannot be taken back). */
  discard(id: string): void {
    if (this.get(id)?.state === 'sending') return
    this.persist(this.jobs.filter((j) => j.id !== id))
    this.emit({ type: 'change' })
  }

  /** Puts a failed job back in line and flushes. */
  retry(id: string): Promise<FlushResult> {
    const job = this.get(id)
    if (job && job.state === 'failed') {
      this.update(id, { state: 'queued', error: undefined })
      this.emit({ type: 'change' })
    }
    return this.flush()
  }

  /** Sends the queued jobs, oldest first, one at a time; one flush runs at a time. */
  flush(): Promise<FlushResult> {
    // A job enqueued meanwhile is picked up by the running flush.
    if (this.flushing) return this.flushing
    this.flushing = this.run().finally(() => {
      this.flushing = null
    })
    return this.flushing
  }

  private async run(): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, failed: 0, stopped: false }
    for (;;) {
      const job = this.jobs.find((j) => j.state === 'queued')
      if (!job) return result
      const outcome = await this.sendOne(job)
      if (outcome === 'sent') result.sent++
      else if (outcome === 'failed') result.failed++
      else {
        result.stopped = true
        return result
      }
    }
  }

  private async sendOne(job: Job): Promise<'sent' | 'failed' | 'offline'> {
    this.update(job.id, { state: 'sending' })
    this.emit({ type: 'change' })
    try {
      const answer = await this.deps.send(job.fn, job.action, job.input)
      this.persist(this.jobs.filter((j) => j.id !== job.id))
      this.emit({ type: 'sent', job, result: answer })
      this.emit({ type: 'change' })
      return 'sent'
    } catch (e) {
      const error = e instanceof CallError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: (e as Error)?.message ?? String(e) }
      const refused = isRefusal(e)
      this.update(job.id, { state: refused ? 'failed' : 'queued', error, attempts: job.attempts + 1 })
      this.emit({ type: 'change' })
      return refused ? 'failed' : 'offline'
    }
  }

  subscribe(listener: (e: QueueEvent) => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }
}

let shared: WriteQueue | null = null

/** The app's queue (created, and its interrupted sends re-queued, on first use). */
export function writeQueue(): WriteQueue {
  shared ??= new WriteQueue()
  return shared
}

/** Enqueues a contract action, typed. */
export function enqueueAction<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input: ActionInput<F, A> & { requestId: string }, label: string, key?: string): Job {
  return writeQueue().enqueue({ fn, action, input: input as Job['input'], label, key })
}

/** What a successful job answered, typed by its action (the caller checks fn and action). */
export const resultOf = <F extends FunctionName, A extends ActionName<F>>(e: { result: unknown }): ActionOutput<F, A> => e.result as ActionOutput<F, A>

let started = false

/**
 * Flushes when the network comes back (WeChat's network events; the browser's `online` and
 * a page shown again on H5). The app calls it once at launch and flushes on show itself.
 */
export function startWriteQueue(): void {
  if (started) return
  started = true
  const queue = writeQueue()
  void queue.flush()
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
    // Taro's H5 network status never reports offline: the browser's own events instead.
    window.addEventListener('online', () => void queue.flush())
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void queue.flush()
    })
  } else if (typeof Taro.onNetworkStatusChange === 'function') {
    Taro.onNetworkStatusChange((res) => {
      if (res.isConnected) void queue.flush()
    })
  }
}

/** The queue's jobs that `filter` keeps, re-rendering when they change. */
export function useWriteQueue(filter: (job: Job) => boolean = () => true, onSent?: (job: Job, result: unknown) => void): Job[] {
  const queue = writeQueue()
  const latest = useRef({ filter, onSent })
  latest.current = { filter, onSent }
  const [jobs, setJobs] = useState<Job[]>(() => queue.list().filter(filter))
  useEffect(() => {
    setJobs(queue.list().filter(latest.current.filter))
    return queue.subscribe((e) => {
      if (e.type === 'sent') latest.current.onSent?.(e.job, e.result)
      else setJobs(queue.list().filter(latest.current.filter))
    })
  }, [queue])
  return jobs
}

/** For tests: forget the app's queue so the next use reloads it from storage (an app restart). */
export function resetWriteQueueForTests(): void {
  shared = null
  started = false
}
