/** What RPC handlers get: the engine, where the gateway listens, and helpers to run commands. */
import * as grpc from '@grpc/grpc-js';
import type { BrokerEngine } from '../engine/broker-engine.ts';
import type { CommandValueType } from '../protocol/intents.ts';
import { BackpressureError, type CommandInput } from '../processing/stream-processor.ts';
import { GatewayError, rejectionError } from './gateway-errors.ts';

/** Shared by all handlers of one gateway. */
export interface GatewayContext {
  readonly engine: BrokerEngine;
  readonly host: string;
  port: number;
}

/** Runs a command; a rejection or back-pressure becomes a GatewayError. Returns the command's response. */
export async function execute<V extends CommandValueType>(ctx: GatewayContext, input: CommandInput<V>): Promise<unknown> {
  let outcome;
  try {
    outcome = await ctx.engine.submit(input);
  } catch (err) {
    if (err instanceof BackpressureError) throw new GatewayError(grpc.status.RESOURCE_EXHAUSTED, err.message);
    throw err;
  }
  if (outcome.rejection) throw rejectionError(outcome.rejection);
  return outcome.response;
}

/** A unary RPC handler: returns the response object or throws. */
export type UnaryHandler<Req> = (request: Req, ctx: GatewayContext, call: grpc.ServerUnaryCall<Req, unknown>) => Promise<unknown>;

/** A server-streaming RPC handler. */
export type StreamHandler<Req> = (call: grpc.ServerWritableStream<Req, unknown>, ctx: GatewayContext) => void | Promise<void>;
