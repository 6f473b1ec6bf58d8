/**
 * The engine: record log + state + stream processor + the transient parts around them (result
 * awaiters, job activations, deadline and back-off checks). The gateway talks only to this class.
 */
import { mkdirSync } from 'node:fs';
import type { BrokerOptions } from '../broker-options.ts';
import { RecordLog } from '../log/record-log.ts';
import type { CommandValueType } from '../protocol/intents.ts';
import type { JobBatchValue } from '../protocol/record.ts';
import { commandProcessors } from '../processing/command-processors.ts';
import type { ActivatedJobResult } from '../processing/job/activate-jobs-processor.ts';
import { StreamProcessor, type CommandInput, type CommandOutcome } from '../processing/stream-processor.ts';
import { MutableEngineState } from '../state/engine-state.ts';
import { BrokerClock } from './broker-clock.ts';
import { DueDateChecker } from './due-date-checker.ts';
import { JobActivations, type ActivationRequest } from './job-activations.ts';
import { replayLog } from './replay.ts';
import { ResultAwaiters } from './result-awaiters.ts';

function isEmpty(items: Iterable<unknown>): boolean {
  for (const _ of items) return false;
  return true;
}

/** A started engine. */
export class BrokerEngine {
  readonly awaiters = new ResultAwaiters();
  readonly jobActivations: JobActivations;
  private readonly timer: NodeJS.Timeout;
  private stopped = false;
  /** Timers and message TTLs (part 2A). */
  readonly dueDates: DueDateChecker;

  private constructor(
    readonly state: MutableEngineState,
    readonly log: RecordLog,
    readonly processor: StreamProcessor,
    checkIntervalMs: number,
    /** The processing clock (controllable in tests). */
    readonly clock: BrokerClock,
  ) {
    processor.now = () => clock.now();
    this.dueDates = new DueDateChecker(state, processor, clock);
    clock.onAdvance(async () => {
      if (this.stopped) return;
      this.checkJobs();
      await this.dueDates.check();
    });
    this.jobActivations = new JobActivations(
      (request) => this.activateJobs(request),
      (jobs) => {
        for (const job of jobs) {
          void processor.submit({ key: job.key, valueType: 'JOB', intent: 'YIELD', value: job.value }, true).catch(() => undefined);
        }
      },
      (type) => !isEmpty(state.jobs.activatable(type)),
    );
    // Jobs are handed out once their activation is durable, so waiting workers can be woken as soon
    // as the batch that made the jobs activatable was processed (not only once it is durable).
    processor.onProcessed = () => {
      if (state.jobs.availableTypes.size > 0) {
        const types = [...state.jobs.availableTypes];
        state.jobs.availableTypes.clear();
        this.jobActivations.notify(types);
      }
    };
    processor.onCommitted = () => {
      for (const listener of this.commitListeners) listener();
    };
    this.timer = setInterval(() => this.checkJobs(), checkIntervalMs);
    this.timer.unref();
  }

  /** Listeners told after every durable batch (exporter wake-ups). */
  readonly commitListeners = new Set<() => void>();

  /** Opens the log, replays it and starts processing. */
  static async start(options: BrokerOptions): Promise<BrokerEngine> {
    mkdirSync(options.dataDir, { recursive: true });
    const log = RecordLog.open({ dir: options.dataDir, waitForFlush: options.waitForFlush });
    const state = new MutableEngineState();
    const replay = await replayLog(log, state);
    log.committedPosition = replay.lastPosition;
    const holder: { engine?: BrokerEngine } = {};
    const processor = new StreamProcessor(
      state,
      log,
      commandProcessors,
      {
        awaitResult: (key, awaiter) => holder.engine?.awaiters.register(key, awaiter),
        awaitsResult: (key) => holder.engine?.awaiters.has(key) ?? false,
        resolveResult: (key, variables) => holder.engine?.awaiters.resolve(key, variables),
        registerModel: (key, model) => state.models.put(key, model),
      },
      replay.lastPosition,
      options.maxInFlightCommands,
    );
    const clock = new BrokerClock(options.controllableClock === true, options.clockStartTime);
    holder.engine = new BrokerEngine(state, log, processor, options.jobCheckIntervalMs ?? 100, clock);
    // Timers that fell due while the broker was down fire at once — before start() resolves, so
    // nothing is processed behind the caller's back once it holds the engine.
    await holder.engine.dueDates.check();
    return holder.engine;
  }

  /** Submits a client command. */
  submit<V extends CommandValueType>(input: CommandInput<V>): Promise<CommandOutcome> {
    return this.processor.submit(input);
  }

  /** Activates jobs for a worker now (no waiting). */
  async activateJobs(request: ActivationRequest): Promise<ActivatedJobResult[]> {
    const value: JobBatchValue = { ...request, jobKeys: [], jobs: [], truncated: false };
    const outcome = await this.processor.submit({ valueType: 'JOB_BATCH', intent: 'ACTIVATE', value }, true);
    return (outcome.response as ActivatedJobResult[] | undefined) ?? [];
  }

  private checkJobs(): void {
    if (this.stopped) return;
    void this.dueDates.check();
    const now = this.clock.now();
    for (const key of this.state.jobs.expiredDeadlines(now, 1000)) {
      const job = this.state.jobs.get(key)!;
      void this.processor
        .submit({ key, valueType: 'JOB', intent: 'TIME_OUT', value: job.value }, true)
        .catch(() => undefined);
    }
    for (const key of this.state.jobs.dueBackoffs(now, 1000)) {
      const job = this.state.jobs.get(key)!;
      void this.processor
        .submit({ key, valueType: 'JOB', intent: 'RECUR_AFTER_BACKOFF', value: job.value }, true)
        .catch(() => undefined);
    }
  }

  /** Stops timers, waits for pending writes and closes the log. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    await this.dueDates.stop();
    await this.log.close();
  }
}
