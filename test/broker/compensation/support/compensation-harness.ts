/** Helpers for compensation tests on top of the events harness: job completion by type and record filters. */
import type { ExportedRecord } from '../../../../engine/broker/index.ts';
import type { CompensationSubscriptionValue } from '../../../../engine/broker/protocol/compensation-records.ts';
import { jobOf } from '../../engine/support/engine-harness.ts';
import type { EventsHarness } from '../../events/support/events-harness.ts';

/** The value of a COMPENSATION_SUBSCRIPTION record. */
export type SubscriptionValue = CompensationSubscriptionValue;

/** Activates the job of a type for a process instance (any, when undefined) and completes it with variables; returns the job. */
export async function completeJob(harness: EventsHarness, type: string, processInstanceKey: string | undefined, variables: Record<string, unknown> = {}) {
  const job = await jobOf(harness.client, type, processInstanceKey);
  await harness.client.completeJob({ jobKey: job.key, variables });
  return job;
}

/** COMPENSATION_SUBSCRIPTION events of a process instance as [intent, value]. */
export function subscriptions(harness: EventsHarness, processInstanceKey: string): [string, SubscriptionValue][] {
  return harness.recordsOf('COMPENSATION_SUBSCRIPTION', undefined, processInstanceKey).map((r) => [r.intent, r.value as SubscriptionValue]);
}

/** PROCESS_INSTANCE events of a process instance as `elementId:intent` (optionally only some intents). */
export function trail(harness: EventsHarness, processInstanceKey: string, intents?: readonly string[]): string[] {
  return harness
    .recordsOf('PROCESS_INSTANCE', undefined, processInstanceKey)
    .filter((r) => intents === undefined || intents.includes(r.intent))
    .map((r) => `${(r.value as { elementId: string }).elementId}:${r.intent}`);
}

/** The first PROCESS_INSTANCE event of an element with an intent. */
export function elementRecord(harness: EventsHarness, processInstanceKey: string, elementId: string, intent: string): ExportedRecord | undefined {
  return harness
    .recordsOf('PROCESS_INSTANCE', intent, processInstanceKey)
    .find((r) => (r.value as { elementId: string }).elementId === elementId);
}

/** Waits until the process instance completed. */
export async function processCompleted(harness: EventsHarness, processId: string, processInstanceKey: string): Promise<void> {
  await harness.waitForRecord(
    (r) =>
      r.valueType === 'PROCESS_INSTANCE' &&
      r.intent === 'ELEMENT_COMPLETED' &&
      (r.value as { elementId: string; processInstanceKey: number }).elementId === processId &&
      String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey,
  );
}

/** Whether `sequence` occurs in `items` in order (other items may come between). */
export function isSubsequence(items: readonly string[], sequence: readonly string[]): boolean {
  let at = 0;
  for (const item of items) if (item === sequence[at]) at++;
  return at === sequence.length;
}
