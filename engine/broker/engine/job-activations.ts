/**
 * Hands activatable jobs to workers: long-polling ActivateJobs requests wait here per job type, and
 * StreamActivatedJobs streams get jobs pushed. Woken after every durable batch that made jobs activatable.
 */
import type { JobBatchValue } from '../protocol/record.ts';
import type { ActivatedJobResult } from '../processing/job/activate-jobs-processor.ts';

/** The activation request of a worker. */
export type ActivationRequest = Pick<JobBatchValue, 'type' | 'worker' | 'timeout' | 'maxJobsToActivate' | 'fetchVariables' | 'tenantIds'>;

/** A long-polling request waiting for jobs. */
export interface JobWaiter {
  readonly request: ActivationRequest;
  closed: boolean;
  deliver(jobs: ActivatedJobResult[]): void;
}

/** A job stream (StreamActivatedJobs). */
export interface JobStream {
  readonly request: ActivationRequest;
  closed: boolean;
  push(job: ActivatedJobResult): void;
}

/** Runs an activation through the stream processor. */
export type Activate = (request: ActivationRequest) => Promise<ActivatedJobResult[]>;

/** Gives activated jobs nobody received back (JOB YIELD). */
export type Yield = (jobs: ActivatedJobResult[]) => void;

/** Waiting requests and streams per job type. */
export class JobActivations {
  private readonly waiters = new Map<string, JobWaiter[]>();
  private readonly streams = new Map<string, JobStream[]>();
  private readonly draining = new Set<string>();
  private readonly dirty = new Set<string>();

  constructor(
    private readonly activate: Activate,
    private readonly yieldJobs: Yield,
  ) {}

  addWaiter(waiter: JobWaiter): void {
    const list = this.waiters.get(waiter.request.type) ?? [];
    list.push(waiter);
    this.waiters.set(waiter.request.type, list);
  }

  removeWaiter(waiter: JobWaiter): void {
    waiter.closed = true;
    const list = this.waiters.get(waiter.request.type);
    if (!list) return;
    const i = list.indexOf(waiter);
    if (i >= 0) list.splice(i, 1);
  }

  addStream(stream: JobStream): void {
    const list = this.streams.get(stream.request.type) ?? [];
    list.push(stream);
    this.streams.set(stream.request.type, list);
    this.notify([stream.request.type]);
  }

  removeStream(stream: JobStream): void {
    stream.closed = true;
    const list = this.streams.get(stream.request.type);
    if (!list) return;
    const i = list.indexOf(stream);
    if (i >= 0) list.splice(i, 1);
  }

  /** Makes jobs activatable again that were activated for a caller who is gone. */
  giveBack(jobs: ActivatedJobResult[]): void {
    if (jobs.length > 0) this.yieldJobs(jobs);
  }

  /** Number of waiting long polls (tests, metrics). */
  waiting(type: string): number {
    return this.waiters.get(type)?.length ?? 0;
  }

  /** Jobs of these types may have become activatable. */
  notify(types: Iterable<string>): void {
    for (const type of types) {
      if (!this.waiters.get(type)?.length && !this.streams.get(type)?.length) continue;
      if (this.draining.has(type)) {
        this.dirty.add(type);
        continue;
      }
      this.draining.add(type);
      void this.drain(type).finally(() => this.draining.delete(type));
    }
  }

  private async drain(type: string): Promise<void> {
    do {
      this.dirty.delete(type);
      await this.drainStreams(type);
      await this.drainWaiters(type);
    } while (this.dirty.has(type));
  }

  private async drainStreams(type: string): Promise<void> {
    const list = this.streams.get(type);
    while (list && list.length > 0) {
      const stream = list.shift()!;
      if (stream.closed) continue;
      list.push(stream); // round robin
      const jobs = await this.activate({ ...stream.request, maxJobsToActivate: 32 }).catch(() => []);
      if (jobs.length === 0) return;
      if (stream.closed) this.yieldJobs(jobs);
      else for (const job of jobs) stream.push(job);
    }
  }

  private async drainWaiters(type: string): Promise<void> {
    const list = this.waiters.get(type);
    while (list && list.length > 0) {
      const waiter = list[0]!;
      if (waiter.closed) {
        list.shift();
        continue;
      }
      const jobs = await this.activate(waiter.request).catch(() => []);
      if (jobs.length === 0) return;
      if (list[0] === waiter) list.shift();
      else this.removeWaiter(waiter);
      if (waiter.closed) {
        // The request timed out or was cancelled while its jobs were being activated.
        this.yieldJobs(jobs);
        continue;
      }
      waiter.closed = true;
      waiter.deliver(jobs);
    }
  }
}
