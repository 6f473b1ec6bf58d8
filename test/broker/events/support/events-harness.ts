/**
 * Harness for event tests: a broker on a controllable clock (port 0, temp data dir), a zeebe-node
 * client, record helpers, and restart on the same data directory.
 */
import type { ExportedRecord } from '../../../../engine/broker/index.ts';
import { lifecycleOf, startHarness, type EngineHarness } from '../../engine/support/engine-harness.ts';

/** A broker with a controllable clock and a client (the engine harness plus time and record filters). */
export interface EventsHarness extends EngineHarness {
  /** Records of a value type (and intent), optionally of one process instance. */
  recordsOf(valueType: string, intent?: string, processInstanceKey?: string): ExportedRecord[];
  /** Moves time forward by ms and waits for what fell due. */
  advance(ms: number): Promise<void>;
}

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** Starts a broker on a controllable clock. */
export async function startEventsHarness(): Promise<EventsHarness> {
  const harness = await startHarness({ controllableClock: true }, 'streetflow-events-test-');
  const matches = (r: ExportedRecord, valueType: string, intent?: string, pi?: string): boolean =>
    r.valueType === valueType &&
    (intent === undefined || r.intent === intent) &&
    (pi === undefined || String((r.value as { processInstanceKey?: number }).processInstanceKey) === pi);
  const extras: Pick<EventsHarness, 'recordsOf' | 'advance'> = {
    recordsOf(valueType, intent, processInstanceKey) {
      return harness.records().filter((r) => r.recordType === 'EVENT' && matches(r, valueType, intent, processInstanceKey));
    },
    advance(ms) {
      return harness.broker.clock.advance(ms);
    },
  };
  return Object.assign(harness, extras);
}

/** Intents of the PROCESS_INSTANCE events of one element (of one instance). */
export const lifecycle = lifecycleOf;

/** Whether the process instance completed. */
export function completed(records: ExportedRecord[], processId: string, processInstanceKey: string): boolean {
  return lifecycle(records, processId, processInstanceKey).includes('ELEMENT_COMPLETED');
}
