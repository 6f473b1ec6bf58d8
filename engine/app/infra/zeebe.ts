import { ZBClient } from 'zeebe-node';
import type { ReadinessCheck } from '../http/readiness.ts';

/** The one zeebe-node client of the application (plaintext gateway). */
export function createZeebeClient(address: string): ZBClient {
  return new ZBClient(address, {
    useTLS: false,
    loglevel: 'NONE',
    connectionTolerance: 5000,
    retry: true,
    maxRetries: 5,
    maxRetryTimeout: 5000,
  });
}

/** Readiness: the gateway answers Topology with at least one broker. */
export function zeebeReadiness(client: ZBClient, address: string): ReadinessCheck {
  return {
    name: 'zeebe',
    target: address,
    async check() {
      const topology = await client.topology();
      if (topology.brokers.length === 0) throw new Error('topology lists no brokers');
      return `${topology.brokers.length} broker(s), ${topology.partitionsCount} partition(s), gateway ${topology.gatewayVersion}`;
    },
  };
}
