import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type EngineHarness } from './support/engine-harness.ts';
import { rawClient, unary, type RawGatewayClient } from './support/raw-gateway-client.ts';

describe('gateway', () => {
  let h: EngineHarness;
  let raw: RawGatewayClient;

  beforeAll(async () => {
    h = await startHarness();
    raw = rawClient(h.broker.address);
  });

  afterAll(async () => {
    raw.close();
    await h.close();
  });

  it('should answer Topology like a one-broker, one-partition cluster', async () => {
    // when
    const topology = await h.client.topology();
    // then
    expect(topology).toMatchObject({ clusterSize: 1, partitionsCount: 1, replicationFactor: 1 });
    expect(topology.brokers).toHaveLength(1);
    expect(topology.brokers[0]).toMatchObject({ nodeId: 0, host: '127.0.0.1', port: h.broker.port });
    expect(topology.brokers[0]!.partitions).toEqual([{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }]);
    expect(topology.gatewayVersion).toMatch(/^8\./);
  });

  it('should answer EvaluateDecision (DMN) for a decision never deployed with NOT_FOUND and a message', async () => {
    // when
    const error = await unary(raw, 'EvaluateDecision', { decisionId: 'd', variables: '{}' }).catch((e: Error) => e);
    // then
    expect((error as { code?: number }).code).toBe(5);
    expect((error as Error).message).toContain("no decision found for id 'd'");
  });

  it('should reject a request for another tenant with INVALID_ARGUMENT naming the RPC and the tenant', async () => {
    for (const [rpc, request] of [
      ['PublishMessage', { name: 'm', correlationKey: 'k', variables: '{}', tenantId: 'tongcheng' }],
      ['BroadcastSignal', { signalName: 's', variables: '{}', tenantId: 'tongcheng' }],
      ['EvaluateDecision', { decisionId: 'd', variables: '{}', tenantId: 'tongcheng' }],
      ['CreateProcessInstance', { bpmnProcessId: 'p', variables: '{}', tenantId: 'tongcheng' }],
    ] as const) {
      // when
      const error = await unary(raw, rpc, request).catch((e: Error) => e);
      // then
      expect((error as { code?: number }).code, rpc).toBe(3);
      expect((error as Error).message).toContain(`Expected to handle gRPC request ${rpc} with tenant identifier 'tongcheng', but multi-tenancy is disabled`);
    }
  });

  it('should keep serving one zeebe-node client beyond the HTTP/2 reset burst of 1,000 calls', async () => {
    // given zeebe-node's grpc-js 1.9, which resets every finished stream
    let next = 0;
    let failures = 0;
    // when
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < 1_500) {
          next++;
          await h.client.topology().catch(() => failures++);
        }
      }),
    );
    // then
    expect(failures).toBe(0);
  });
});
