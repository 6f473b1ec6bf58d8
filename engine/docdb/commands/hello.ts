/** hello / isMaster: the handshake. docdb presents a standalone server (no replica set). */
import type { Document } from 'bson';
import type { CommandHandler } from './context.ts';
import { LIMITS, WIRE_VERSION } from '../docdb-options.ts';

export const hello: CommandHandler = (ctx) => {
  const legacy = ctx.name !== 'hello';
  const reply: Document = {};
  if (ctx.body.helloOk === true) reply.helloOk = true;
  reply[legacy ? 'ismaster' : 'isWritablePrimary'] = true;
  Object.assign(reply, {
    maxBsonObjectSize: LIMITS.maxBsonObjectSize,
    maxMessageSizeBytes: LIMITS.maxMessageSizeBytes,
    maxWriteBatchSize: LIMITS.maxWriteBatchSize,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: WIRE_VERSION.min,
    maxWireVersion: WIRE_VERSION.max,
    readOnly: false,
    ok: 1,
  });
  return reply;
};
