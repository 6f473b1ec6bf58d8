/** What a command processor sees: read-only state, key generation and the record writers. */
import type { CommandIntents, CommandValueType, EventIntents, RejectionType, ValueType } from '../protocol/intents.ts';
import type { BrokerRecord, ValueOf } from '../protocol/record.ts';
import type { MutableEngineState, ReadonlyEngineState } from '../state/engine-state.ts';
import type { Batch } from './batch.ts';
import type { EngineHooks } from './engine-hooks.ts';

/** Processing context of one command. */
export class ProcessingContext {
  constructor(
    private readonly mutableState: MutableEngineState,
    private readonly batch: Batch,
    /** The command being processed. */
    readonly command: BrokerRecord,
    /** Whether the command came from a client (it gets the response). */
    readonly fromClient: boolean,
    /** Data the gateway attached to a client command (e.g. parsed resources); never logged. */
    readonly transient: unknown,
    readonly hooks: EngineHooks,
  ) {}

  /** State, read-only. */
  get state(): ReadonlyEngineState {
    return this.mutableState;
  }

  /** Processing time of this batch (ms since epoch). */
  get now(): number {
    return this.batch.timestamp;
  }

  /** A new key. */
  nextKey(): number {
    return this.mutableState.keys.next();
  }

  /** Writes an event; its applier changes state at once. */
  event<V extends ValueType>(key: number, valueType: V, intent: EventIntents[V], value: ValueOf[V]): BrokerRecord<V> {
    return this.batch.appendEvent(key, valueType, intent, value, this.command.position);
  }

  /** Writes a follow-up command, processed later in the same batch. */
  followUp<V extends CommandValueType>(key: number, valueType: V, intent: CommandIntents[V], value: ValueOf[V]): void {
    this.batch.pendingCommands.push({
      key,
      valueType,
      intent,
      value,
      sourceRecordPosition: this.command.position,
    } as unknown as BrokerRecord);
  }

  /** Rejects the command being processed. */
  reject(type: RejectionType, reason: string): void {
    this.batch.appendRejection(this.command, type, reason);
    if (this.fromClient) this.batch.rejection = { type, reason, intent: this.command.intent };
  }

  /** Sets the response to the client (only for client commands). */
  respond(response: unknown): void {
    if (this.fromClient) this.batch.response = response;
  }

  /** Runs once the batch is durable. */
  afterCommit(effect: () => void): void {
    this.batch.sideEffects.push(effect);
  }
}
