/** A raw grpc-js client of the gateway service, for RPCs zeebe-node 8.3 does not expose. */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { zeebeProtoPath } from '../../../../engine/broker/gateway/proto.ts';

/** Untyped gateway client: call methods by their proto names. */
export type RawGatewayClient = grpc.Client & Record<string, (...args: unknown[]) => unknown>;

/** Connects a raw client to a plaintext gateway. */
export function rawClient(address: string): RawGatewayClient {
  const definition = protoLoader.loadSync(zeebeProtoPath(), { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
  const proto = grpc.loadPackageDefinition(definition) as unknown as { gateway_protocol: { Gateway: grpc.ServiceClientConstructor } };
  return new proto.gateway_protocol.Gateway(address, grpc.credentials.createInsecure()) as unknown as RawGatewayClient;
}

/** Calls a unary method and resolves with its response or rejects with the ServiceError. */
export function unary<T = Record<string, unknown>>(client: RawGatewayClient, method: string, request: object): Promise<T> {
  return new Promise((resolve, reject) => {
    client[method]!(request, (err: grpc.ServiceError | null, response: T) => (err ? reject(err) : resolve(response)));
  });
}

/** ActivateJobs through the raw client: collects every response until the stream ends (also when empty). */
export function activateAll(client: RawGatewayClient, request: object): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const call = client['ActivateJobs']!(request) as NodeJS.EventEmitter;
    const jobs: Record<string, unknown>[] = [];
    call.on('data', (response: { jobs: Record<string, unknown>[] }) => jobs.push(...response.jobs));
    call.on('end', () => resolve(jobs));
    call.on('error', reject);
  });
}
