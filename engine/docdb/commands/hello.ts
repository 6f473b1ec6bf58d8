/**
 * hello / isMaster: the handshake. docdb presents a standalone server, or — with the replicaSet
 * option — the primary of a single-node replica set (so drivers allow change streams).
 */
import { ObjectId, Timestamp, type Document } from 'bson';
import type { CommandHandler } from './context.ts';
import { LIMITS, WIRE_VERSION } from '../docdb-options.ts';

const ELECTION_ID = new ObjectId('7fffffff0000000000000001');

export const hello: CommandHandler = (ctx) => {
  const legacy = ctx.name !== 'hello';
  const reply: Document = {};
  if (ctx.body.helloOk === true) reply.helloOk = true;
  reply[legacy ? 'ismaster' : 'isWritablePrimary'] = true;
  const rs = ctx.server.replicaSet;
  if (rs) {
    const me = `${ctx.server.host}:${ctx.server.port}`;
    const now = new Date();
    const opTime = { ts: new Timestamp({ t: Math.floor(now.getTime() / 1000), i: 1 }), t: 1 };
    Object.assign(reply, {
      secondary: false,
      setName: rs,
      setVersion: 1,
      hosts: [me],
      primary: me,
      me,
      electionId: ELECTION_ID,
      lastWrite: { opTime, lastWriteDate: now, majorityOpTime: opTime, majorityWriteDate: now },
    });
  }
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
