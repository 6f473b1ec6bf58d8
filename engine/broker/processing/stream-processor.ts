/**
 * The single-threaded stream processor: takes one client command at a time, processes it and every
 * follow-up command it leads to synchronously, appends the batch to the log and answers once durable.
 */
import type { CommandIntents, CommandValueType } from '../protocol/intents.ts';
import type { BrokerRecord, CommandRecord, ValueOf } from '../protocol/record.ts';
import type { RecordLog } from '../log/record-log.ts';
import type { MutableEngineState } from '../state/engine-state.ts';
import { Batch, type Rejection } from './batch.ts';
import type { CommandProcessor, CommandProcessors } from './command-processor.ts';
import type { EngineHooks } from './engine-hooks.ts';
import { ProcessingContext } from './processing-context.ts';

/** What a client learns about its command. */
export interface CommandOutcome {
  readonly rejection?: Rejection;
  readonly response?: unknown;
  /** Records the batch produced (for tests / with-result). */
  readonly records: readonly BrokerRecord[];
}

/** A command to submit. */
export interface CommandInput<V extends CommandValueType> {
  readonly key?: number;
  readonly valueType: V;
  readonly intent: CommandIntents[V];
  readonly value: ValueOf[V];
  readonly transient?: unknown;
}

/** Raised when too many commands wait to become durable. */
export class BackpressureError extends Error {
  constructor(limit: number) {
    super(`Expected to handle the request, but the broker has ${limit} commands in flight; try again later`);
    this.name = 'BackpressureError';
  }
}

/** Limits follow-up commands per batch so a loop in a model cannot hang the broker. */
const MAX_COMMANDS_PER_BATCH = 100_000;

/** Processes commands against state and the log. */
export class StreamProcessor {
  private nextPosition: number;
  private inFlight = 0;
  private failed: Error | undefined;
  /** Called after every durable batch (exporter wake-ups). */
  onCommitted: (batch: Batch) => void = () => {};
  /**
   * Called right after a batch was processed and handed to the log, before it is durable (wakes long
   * polls and job streams, whose activations then join the same group commit).
   */
  onProcessed: (batch: Batch) => void = () => {};
  /** Processing time source (the broker clock). */
  now: () => number = Date.now;

  constructor(
    private readonly state: MutableEngineState,
    private readonly log: RecordLog,
    private readonly processors: CommandProcessors,
    private readonly hooks: EngineHooks,
    lastPosition: number,
    private readonly maxInFlight = 10_000,
  ) {
    this.nextPosition = lastPosition + 1;
  }

  /** Processes one command and resolves with its outcome once the batch is durable. */
  submit<V extends CommandValueType>(input: CommandInput<V>, internal = false): Promise<CommandOutcome> {
    if (this.failed) return Promise.reject(this.failed);
    if (!internal && this.inFlight >= this.maxInFlight) return Promise.reject(new BackpressureError(this.maxInFlight));
    const batch = this.process(input);
    if (batch.records.length === 0) {
      return Promise.resolve({ rejection: batch.rejection, response: batch.response, records: [] });
    }
    this.inFlight++;
    const durable = this.log.append({ nextKey: this.state.keys.nextKey, records: batch.records }).then(
      () => {
        this.inFlight--;
        for (const effect of batch.sideEffects) effect();
        this.onCommitted(batch);
        return { rejection: batch.rejection, response: batch.response, records: batch.records };
      },
      (err: unknown) => {
        this.inFlight--;
        this.failed = err instanceof Error ? err : new Error(String(err));
        throw this.failed;
      },
    );
    this.onProcessed(batch);
    return durable;
  }

  private process<V extends CommandValueType>(input: CommandInput<V>): Batch {
    const batch = new Batch(this.state, this.nextPosition, this.now());
    const key = input.key ?? -1;
    const command = batch.appendCommand(key, input.valueType, input.intent, input.value, -1) as unknown as BrokerRecord;
    this.dispatch(command, batch, true, input.transient);
    let processed = 0;
    while (batch.pendingCommands.length > 0) {
      if (++processed > MAX_COMMANDS_PER_BATCH) throw new Error('too many follow-up commands in one batch');
      const pending = batch.pendingCommands.shift()!;
      const followUp = batch.appendCommand(
        pending.key,
        pending.valueType as CommandValueType,
        pending.intent as CommandIntents[CommandValueType],
        pending.value as ValueOf[CommandValueType],
        pending.sourceRecordPosition,
      ) as unknown as BrokerRecord;
      this.dispatch(followUp, batch, false, undefined);
    }
    // A command that produced nothing and was not rejected is not worth logging (e.g. an empty job activation).
    if (batch.records.length === 1 && !batch.rejection && this.isQuiet(command)) batch.records.length = 0;
    this.nextPosition = batch.records.length > 0 ? batch.position : command.position;
    return batch;
  }

  private isQuiet(command: BrokerRecord): boolean {
    return command.valueType === 'JOB_BATCH';
  }

  private dispatch(command: BrokerRecord, batch: Batch, fromClient: boolean, transient: unknown): void {
    const byIntent = this.processors[command.valueType as CommandValueType] as unknown as Record<
      string,
      CommandProcessor<CommandValueType> | undefined
    >;
    const processor = byIntent[command.intent];
    const ctx = new ProcessingContext(this.state, batch, command, fromClient, transient, this.hooks);
    if (!processor) {
      ctx.reject('PROCESSING_ERROR', `no processor for ${command.valueType} ${command.intent}`);
      return;
    }
    processor(command as CommandRecord<CommandValueType>, ctx);
  }
}
