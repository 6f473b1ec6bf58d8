/** Loads the Zeebe gateway protocol from the installed @camunda8/sdk package (not a copy). */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** Absolute path of zeebe.proto inside @camunda8/sdk. */
export function zeebeProtoPath(): string {
  const require = createRequire(import.meta.url);
  const sdkPackage = require.resolve('@camunda8/sdk/package.json');
  return path.join(path.dirname(sdkPackage), 'dist', 'proto', 'zeebe.proto');
}

/** The Gateway service definition. */
export function loadGatewayService(): grpc.ServiceDefinition {
  const definition = protoLoader.loadSync(zeebeProtoPath(), {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const proto = grpc.loadPackageDefinition(definition) as unknown as {
    gateway_protocol: { Gateway: grpc.ServiceClientConstructor };
  };
  return proto.gateway_protocol.Gateway.service;
}
