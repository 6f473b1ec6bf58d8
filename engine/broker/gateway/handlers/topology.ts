/** Topology: one broker leading one healthy partition. */
import { BROKER_VERSION } from '../../processing/batch.ts';
import type { UnaryHandler } from '../gateway-context.ts';

export const topology: UnaryHandler<object> = async (_request, ctx) => ({
  brokers: [
    {
      nodeId: 0,
      host: ctx.host,
      port: ctx.port,
      partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }],
      version: BROKER_VERSION,
    },
  ],
  clusterSize: 1,
  partitionsCount: 1,
  replicationFactor: 1,
  gatewayVersion: BROKER_VERSION,
});
