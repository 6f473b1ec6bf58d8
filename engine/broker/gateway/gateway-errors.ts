/** gRPC errors the gateway answers with, worded as Zeebe's gateway words them. */
import * as grpc from '@grpc/grpc-js';
import type { Rejection } from '../processing/batch.ts';

/** An error with a gRPC status code. */
export class GatewayError extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }

  /** As a grpc-js ServiceError for callbacks and streams. */
  toServiceError(): grpc.ServiceError {
    const metadata = new grpc.Metadata();
    return Object.assign(new Error(this.message), { code: this.code, details: this.message, metadata });
  }
}

const STATUS_OF_REJECTION: Record<string, grpc.status> = {
  INVALID_ARGUMENT: grpc.status.INVALID_ARGUMENT,
  NOT_FOUND: grpc.status.NOT_FOUND,
  ALREADY_EXISTS: grpc.status.ALREADY_EXISTS,
  INVALID_STATE: grpc.status.FAILED_PRECONDITION,
  PROCESSING_ERROR: grpc.status.INTERNAL,
  NULL_VAL: grpc.status.INTERNAL,
};

/** A rejected command, as Zeebe's gateway reports it. */
export function rejectionError(rejection: Rejection): GatewayError {
  return new GatewayError(
    STATUS_OF_REJECTION[rejection.type] ?? grpc.status.INTERNAL,
    `Command '${rejection.intent}' rejected with code '${rejection.type}': ${rejection.reason}`,
  );
}

/** INVALID_ARGUMENT for a bad request field. */
export function invalidArgument(message: string): GatewayError {
  return new GatewayError(grpc.status.INVALID_ARGUMENT, message);
}
