/**
 * The records one client command produces: the command itself, its events and follow-up commands
 * (processed in the same batch), rejections, the response and side effects to run once durable.
 */
import type { CommandIntents, CommandValueType, EventIntents, RejectionType, ValueType } from '../protocol/intents.ts';
import type { BrokerRecord, ValueOf } from '../protocol/record.ts';
import { PARTITION_ID } from '../keys.ts';
import type { MutableEngineState } from '../state/engine-state.ts';
import { applyRecord } from '../state/appliers/index.ts';

export const BROKER_VERSION = '8.6.0';

/** A rejection of the client's command. */
export interface Rejection {
  readonly type: RejectionType;
  readonly reason: string;
  readonly intent: string;
}

/** Builds one batch; events are applied to state as they are appended. */
export class Batch {
  readonly records: BrokerRecord[] = [];
  readonly pendingCommands: BrokerRecord[] = [];
  readonly sideEffects: (() => void)[] = [];
  rejection: Rejection | undefined;
  response: unknown;

  constructor(
    private readonly state: MutableEngineState,
    private nextPosition: number,
    readonly timestamp: number,
  ) {}

  /** Position the next record will get. */
  get position(): number {
    return this.nextPosition;
  }

  private append<V extends ValueType>(record: Omit<BrokerRecord<V>, 'position' | 'partitionId' | 'brokerVersion' | 'timestamp'>): BrokerRecord<V> {
    const full: BrokerRecord<V> = {
      position: this.nextPosition++,
      partitionId: PARTITION_ID,
      brokerVersion: BROKER_VERSION,
      timestamp: this.timestamp,
      ...record,
    };
    this.records.push(full as BrokerRecord);
    return full;
  }

  /** Appends the command being processed (client or follow-up). */
  appendCommand<V extends CommandValueType>(
    key: number,
    valueType: V,
    intent: CommandIntents[V],
    value: ValueOf[V],
    sourceRecordPosition: number,
  ): BrokerRecord<V> {
    return this.append({ key, valueType, intent, value, sourceRecordPosition, recordType: 'COMMAND', rejectionType: 'NULL_VAL', rejectionReason: '' });
  }

  /** Appends an event and applies it. */
  appendEvent<V extends ValueType>(
    key: number,
    valueType: V,
    intent: EventIntents[V],
    value: ValueOf[V],
    sourceRecordPosition: number,
  ): BrokerRecord<V> {
    const record = this.append({ key, valueType, intent, value, sourceRecordPosition, recordType: 'EVENT', rejectionType: 'NULL_VAL', rejectionReason: '' });
    applyRecord(this.state, record as BrokerRecord);
    return record;
  }

  /** Appends a rejection of a command. */
  appendRejection(command: BrokerRecord, type: RejectionType, reason: string): void {
    this.append({
      key: command.key,
      valueType: command.valueType,
      intent: command.intent,
      value: command.value,
      sourceRecordPosition: command.position,
      recordType: 'COMMAND_REJECTION',
      rejectionType: type,
      rejectionReason: reason,
    });
  }
}
