/** The gRPC server of the gateway: binds every RPC of zeebe.proto to its handler (or UNIMPLEMENTED). */
import * as grpc from '@grpc/grpc-js';
import type { BrokerEngine } from '../engine/broker-engine.ts';
import { GatewayError } from './gateway-errors.ts';
import type { GatewayContext, StreamHandler, UnaryHandler } from './gateway-context.ts';
import { activateJobs } from './handlers/activate-jobs.ts';
import { broadcastSignal } from './handlers/broadcast-signal.ts';
import { cancelProcessInstance } from './handlers/cancel-process-instance.ts';
import { completeJob } from './handlers/complete-job.ts';
import { createProcessInstance } from './handlers/create-process-instance.ts';
import { createProcessInstanceWithResult } from './handlers/create-process-instance-with-result.ts';
import { deleteResource } from './handlers/delete-resource.ts';
import { deployProcess } from './handlers/deploy-process.ts';
import { deployResource } from './handlers/deploy-resource.ts';
import { evaluateDecision } from './handlers/evaluate-decision.ts';
import { failJob } from './handlers/fail-job.ts';
import { migrateProcessInstance } from './handlers/migrate-process-instance.ts';
import { modifyProcessInstance } from './handlers/modify-process-instance.ts';
import { publishMessage } from './handlers/publish-message.ts';
import { resolveIncident } from './handlers/resolve-incident.ts';
import { setVariables } from './handlers/set-variables.ts';
import { streamActivatedJobs } from './handlers/stream-activated-jobs.ts';
import { throwError } from './handlers/throw-error.ts';
import { topology } from './handlers/topology.ts';
import { updateJobRetries } from './handlers/update-job-retries.ts';
import { updateJobTimeout } from './handlers/update-job-timeout.ts';
import { rotateResettingConnections } from './connection-rotation.ts';
import { loadGatewayService } from './proto.ts';

/** Handler request types differ per RPC; the registry only needs to call them with the decoded request. */
type AnyUnary = UnaryHandler<never>;
type AnyStream = StreamHandler<never>;

const unaryHandlers: Record<string, AnyUnary> = {
  Topology: topology,
  DeployResource: deployResource,
  DeployProcess: deployProcess,
  CreateProcessInstance: createProcessInstance,
  CreateProcessInstanceWithResult: createProcessInstanceWithResult,
  CancelProcessInstance: cancelProcessInstance,
  SetVariables: setVariables,
  CompleteJob: completeJob,
  FailJob: failJob,
  ThrowError: throwError,
  UpdateJobRetries: updateJobRetries,
  UpdateJobTimeout: updateJobTimeout,
  ResolveIncident: resolveIncident,
  ModifyProcessInstance: modifyProcessInstance,
  MigrateProcessInstance: migrateProcessInstance,
  PublishMessage: publishMessage,
  BroadcastSignal: broadcastSignal,
  DeleteResource: deleteResource,
  EvaluateDecision: evaluateDecision,
};

const streamHandlers: Record<string, AnyStream> = {
  ActivateJobs: activateJobs,
  StreamActivatedJobs: streamActivatedJobs,
};

function asServiceError(err: unknown): grpc.ServiceError {
  if (err instanceof GatewayError) return err.toServiceError();
  const message = err instanceof Error ? err.message : String(err);
  return new GatewayError(grpc.status.INTERNAL, `Unexpected error in the embedded broker: ${message}`).toServiceError();
}

function unimplemented(name: string): grpc.UntypedHandleCall {
  const error = new GatewayError(
    grpc.status.UNIMPLEMENTED,
    `The embedded Streetflow broker does not implement ${name} yet (planned in part 2); use a Zeebe cluster (ZEEBE_ADDRESS) for it`,
  );
  return (call: grpc.ServerUnaryCall<unknown, unknown>, callback?: grpc.sendUnaryData<unknown>) => {
    if (callback) callback(error.toServiceError());
    else (call as unknown as grpc.ServerWritableStream<unknown, unknown>).emit('error', error.toServiceError());
  };
}

/** Builds the server implementation for every method of the service. */
function implementation(service: grpc.ServiceDefinition, ctx: GatewayContext): grpc.UntypedServiceImplementation {
  const impl: grpc.UntypedServiceImplementation = {};
  for (const name of Object.keys(service)) {
    const unary = unaryHandlers[name];
    const stream = streamHandlers[name];
    if (unary) {
      impl[name] = (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        unary(call.request as never, ctx, call as never).then(
          (response) => callback(null, response),
          (err: unknown) => callback(asServiceError(err)),
        );
      };
    } else if (stream) {
      impl[name] = (call: grpc.ServerWritableStream<unknown, unknown>) => {
        Promise.resolve(stream(call as never, ctx)).catch((err: unknown) => call.emit('error', asServiceError(err)));
      };
    } else {
      impl[name] = unimplemented(name);
    }
  }
  return impl;
}

/** A bound, started gateway server. */
export interface GatewayServer {
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts the gateway on host:port (port 0 picks a free one). */
export async function startGateway(engine: BrokerEngine, host: string, port: number): Promise<GatewayServer> {
  const service = loadGatewayService();
  const ctx: GatewayContext = { engine, host, port };
  // No channelz: grpc-js's per-call and per-session bookkeeping for an introspection service that is
  // not served here.
  const server = new grpc.Server({ 'grpc.max_receive_message_length': 16 * 1024 * 1024, 'grpc.enable_channelz': 0 });
  server.addService(service, implementation(service, ctx));
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  ctx.port = bound;
  rotateResettingConnections(server);
  return {
    port: bound,
    stop: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.forceShutdown(), 2_000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
