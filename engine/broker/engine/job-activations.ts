/**
 * Hands activatable jobs to workers: long-polling ActivateJobs requests wait here per job type, and
 * StreamActivatedJobs streams get jobs pushed. Woken after every processed batch that made jobs activatable.
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

/**
 * Runs an activation through the stream processor: the activation is processed before this returns
 * (so the activatable jobs it took are gone from state at once); the promise resolves once it is durable.
 */
export type Activate = (request: ActivationRequest) => Promise<ActivatedJobResult[]>;

/** Gives activated jobs nobody received back (JOB YIELD). */
export type Yield = (jobs: ActivatedJobResult[]) => void;

/** Whether jobs of a type are activatable now. */
export type HasActivatable = (type: string) => boolean;

/**
 * Waiting requests and streams per job type. A notification is handled in a microtask of the turn
 * that made the jobs activatable: the activations are processed then and there, so they go into the
 * same group commit as the batch that created the jobs, and each worker gets its jobs once its own
 * activation is durable (which, commits being ordered, means the jobs' creation is durable too).
 */
export class JobActivations {
  private readonly waiters = new Map<string, JobWaiter[]>();
  private readonly streams = new Map<string, JobStream[]>();
  private readonly pending = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly activate: Activate,
    private readonly yieldJobs: Yield,
    private readonly hasActivatable: HasActivatable,
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

  /** Jobs of these types may have become activatable; handled in a microtask (once per turn and type). */
  notify(types: Iterable<string>): void {
    for (const type of types) {
      if (!this.waiters.get(type)?.length && !this.streams.get(type)?.length) continue;
      this.pending.add(type);
    }
    if (this.pending.size === 0 || this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      const types = [...this.pending];
      this.pending.clear();
      for (const type of types) this.dispatch(type);
    });
  }

  /** Activates jobs of a type for streams (round robin, 32 at a time), then for waiting requests in order. */
  private dispatch(type: string): void {
    const streams = this.streams.get(type);
    let streamsLeft = streams?.length ?? 0;
    while (streams && streamsLeft > 0 && this.hasActivatable(type)) {
      const stream = streams.shift()!;
      streamsLeft--;
      if (stream.closed) continue;
      streams.push(stream); // round robin
      streamsLeft++;
      this.activate({ ...stream.request, maxJobsToActivate: 32 }).then(
        (jobs) => {
          if (stream.closed) this.yieldJobs(jobs);
          else for (const job of jobs) stream.push(job);
        },
        () => undefined,
      );
    }
    const waiters = this.waiters.get(type);
    while (waiters && waiters.length > 0 && this.hasActivatable(type)) {
      const waiter = waiters.shift()!;
      if (waiter.closed) continue;
      this.activate(waiter.request).then(
        (jobs) => {
          // The request timed out or was cancelled while its jobs were being activated.
          if (waiter.closed) this.yieldJobs(jobs);
          else if (jobs.length === 0) this.addWaiter(waiter);
          else {
            waiter.closed = true;
            waiter.deliver(jobs);
          }
        },
        () => {
          if (!waiter.closed) this.addWaiter(waiter);
        },
      );
    }
  }
}
