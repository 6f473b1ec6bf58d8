import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const require = createRequire(import.meta.url);

type UnaryCall = (req: Record<string, unknown>, cb: (err: grpc.ServiceError | null) => void) => void;
interface GatewayClient extends grpc.Client {
  UpdateJobTimeout: UnaryCall;
}

/**
 * UpdateJobTimeout over the Zeebe gateway protocol. zeebe-node 8.3 predates this RPC, so the
 * keep-alive uses the gateway proto shipped with @camunda8/sdk and @grpc/grpc-js directly; every
 * other call goes through zeebe-node.
 */
export class JobTimeoutClient {
  private readonly client: GatewayClient;

  constructor(address: string) {
    const protoPath = require.resolve('@camunda8/sdk/dist/proto/zeebe.proto');
    const def = protoLoader.loadSync(protoPath, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
    const pkg = grpc.loadPackageDefinition(def) as unknown as { gateway_protocol: { Gateway: new (addr: string, creds: grpc.ChannelCredentials) => GatewayClient } };
    this.client = new pkg.gateway_protocol.Gateway(address, grpc.credentials.createInsecure());
  }

  /** Sets the job's timeout to `timeoutMs` from now. Rejects with the gRPC error (code 5 NOT_FOUND, 12 UNIMPLEMENTED …). */
  updateJobTimeout(jobKey: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.client.UpdateJobTimeout({ jobKey, timeout: String(timeoutMs) }, (err) => (err ? reject(err) : resolve()));
    });
  }

  close(): void {
    this.client.close();
  }
}
