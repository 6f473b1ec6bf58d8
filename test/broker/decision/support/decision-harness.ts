/** Helpers for decision tests on top of the engine harness: deploy DMN text, read decision records. */
import type { ZBClient } from 'zeebe-node';
import type { DecisionMetadata, DecisionRequirementsMetadata } from 'zeebe-node/dist/lib/interfaces-grpc-1.0.js';
import type { ExportedRecord } from '../../../../engine/broker/index.ts';
import type { EngineHarness } from '../../engine/support/engine-harness.ts';
import { rawClient, unary, type RawGatewayClient } from '../../engine/support/raw-gateway-client.ts';

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

/** DeployResource with several resources and DeleteResource, which zeebe-node 8.3 does not offer: through the raw gateway client. */
export async function withRawClient<T>(address: string, use: (client: RawGatewayClient) => Promise<T>): Promise<T> {
  const client = rawClient(address);
  try {
    return await use(client);
  } finally {
    client.close();
  }
}

/** Deploys several resources in one deployment (name → text). */
export function deployTogether(address: string, resources: Record<string, string>): Promise<Record<string, unknown>> {
  return withRawClient(address, (client) =>
    unary(client, 'DeployResource', { resources: Object.entries(resources).map(([name, text]) => ({ name, content: Buffer.from(text) })) }),
  );
}

/** Deletes a resource (process definition, DRG or form) by key. */
export function deleteResource(address: string, resourceKey: string): Promise<Record<string, unknown>> {
  return withRawClient(address, (client) => unary(client, 'DeleteResource', { resourceKey }));
}

/** The DRG metadata of a DeployResource answer (zeebe-node types a decision deployment's entries as decisions only). */
export function drgOf(result: { deployments: readonly object[] }): DecisionRequirementsMetadata {
  const entry = result.deployments.find((d): d is { decisionRequirements: DecisionRequirementsMetadata } => 'decisionRequirements' in d && d.decisionRequirements !== undefined);
  if (!entry) throw new Error('no decisionRequirements in the deployment');
  return entry.decisionRequirements;
}

/** The decision metadata of a DeployResource answer, in answer order. */
export function decisionsOf(result: { deployments: readonly object[] }): DecisionMetadata[] {
  return result.deployments.flatMap((d) => ('decision' in d && d.decision ? [d.decision as DecisionMetadata] : []));
}
