/** The @camunda8/sdk Zeebe gRPC client, set up for tests against the embedded broker (no auth, no retries, quiet). */
import { Camunda8 } from '@camunda8/sdk';

/** The SDK's Zeebe gRPC client. */
export type ZeebeGrpcClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;

/** Opens an SDK client on `address` (host:port); `settings` add to the test defaults (e.g. keepalive). */
export function sdkZeebeClient(address: string, settings: Record<string, string | number | boolean> = {}): ZeebeGrpcClient {
  const c8 = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${address}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false, ...settings },
  });
  return c8.getZeebeGrpcApiClient();
}
