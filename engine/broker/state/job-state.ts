/** Jobs: their values, lifecycle state, activatable queues per type, deadlines and back-offs. */
import type { JobValue } from '../protocol/record.ts';
import { MinHeap } from '../util/min-heap.ts';

/** Lifecycle state of a job, as Zeebe's JobState.State. */
export type JobLifecycle = 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'ERROR_THROWN' | 'BACKOFF';

/** One stored job. */
export interface StoredJob {
  readonly key: number;
  state: JobLifecycle;
  value: JobValue;
}

/** Read access to jobs. */
export interface ReadonlyJobState {
  get(key: number): Readonly<StoredJob> | undefined;
  /** Activatable job keys of a type, oldest first. */
  activatable(type: string): Iterable<number>;
  /** Keys of activated jobs whose deadline is ≤ now. */
  expiredDeadlines(now: number, limit: number): number[];
  /** Keys of backed-off jobs whose back-off ended at or before now. */
  dueBackoffs(now: number, limit: number): number[];
  readonly size: number;
}

/** Job state; changed only by appliers. */
export class JobState implements ReadonlyJobState {
  private readonly jobs = new Map<number, StoredJob>();
  private readonly activatableByType = new Map<string, Set<number>>();
  private readonly deadlines = new MinHeap();
  private readonly backoffs = new MinHeap();
  /** Types that gained activatable jobs since the last drain (wakes long polls). */
  readonly availableTypes = new Set<string>();

  get size(): number {
    return this.jobs.size;
  }

  get(key: number): StoredJob | undefined {
    return this.jobs.get(key);
  }

  activatable(type: string): Iterable<number> {
    return this.activatableByType.get(type) ?? [];
  }

  expiredDeadlines(now: number, limit: number): number[] {
    return this.due(this.deadlines, now, limit, (job) => job.state === 'ACTIVATED', (job) => job.value.deadline);
  }

  dueBackoffs(now: number, limit: number): number[] {
    return this.due(this.backoffs, now, limit, (job) => job.state === 'BACKOFF', (job) => job.value.recurringTime);
  }

  private due(
    heap: MinHeap,
    now: number,
    limit: number,
    isLive: (job: StoredJob) => boolean,
    dueOf: (job: StoredJob) => number,
  ): number[] {
    const out: number[] = [];
    // Pop stale entries; live due entries are returned but stay in the heap until their state changes.
    while (heap.size > 0 && heap.peekDue() <= now && out.length < limit) {
      const due = heap.peekDue();
      const key = heap.pop()!;
      const job = this.jobs.get(key);
      if (!job || !isLive(job) || dueOf(job) !== due) continue;
      out.push(key);
      heap.push(due + 1_000, key); // re-check later in case the command is rejected
    }
    return out;
  }

  /** Stores a job in a lifecycle state, maintaining the indexes. */
  put(key: number, value: JobValue, state: JobLifecycle): void {
    const previous = this.jobs.get(key);
    if (previous?.state === 'ACTIVATABLE') this.activatableByType.get(previous.value.type)?.delete(key);
    this.jobs.set(key, { key, value, state });
    if (state === 'ACTIVATABLE') {
      let set = this.activatableByType.get(value.type);
      if (!set) this.activatableByType.set(value.type, (set = new Set()));
      set.add(key);
      this.availableTypes.add(value.type);
    } else if (state === 'ACTIVATED') {
      this.deadlines.push(value.deadline, key);
    } else if (state === 'BACKOFF') {
      this.backoffs.push(value.recurringTime, key);
    }
  }

  remove(key: number): void {
    const job = this.jobs.get(key);
    if (!job) return;
    if (job.state === 'ACTIVATABLE') this.activatableByType.get(job.value.type)?.delete(key);
    this.jobs.delete(key);
  }

  snapshot(): unknown {
    return [...this.jobs.values()].map((j) => ({ key: j.key, state: j.state, value: j.value }));
  }
}
