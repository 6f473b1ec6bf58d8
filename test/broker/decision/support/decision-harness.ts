/** Helpers for decision tests on top of the engine harness: deploy DMN text, read decision records. */
import type { ZBClient } from 'zeebe-node';
import type { ExportedRecord } from '../../../../engine/broker/index.ts';
import type { EngineHarness } from '../../engine/support/engine-harness.ts';

/** Deploys DMN text under a resource name through zeebe-node's `decision` resource. */
export function deployDmn(client: ZBClient, name: string, xml: string) {
  return client.deployResource({ name, decision: Buffer.from(xml) });
}

/** Event records of a value type (and intent). */
export function eventsOf(harness: EngineHarness, valueType: string, intent?: string): ExportedRecord[] {
  return harness.records().filter((r) => r.recordType === 'EVENT' && r.valueType === valueType && (intent === undefined || r.intent === intent));
}

/** The error of a promise that must fail. */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
