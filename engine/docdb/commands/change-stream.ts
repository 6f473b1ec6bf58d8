/** aggregate with $changeStream (replica-set mode only): opens a tailable change-stream cursor. */
import { Timestamp, type Document } from 'bson';
import type { CommandContext } from './context.ts';
import { ChangeStreamSource, checkStreamPipeline, tokenSeq, type StreamScope } from '../query/change-stream.ts';
import { MongoCommandError } from '../errors.ts';

const FULL_DOCUMENT = new Set(['default', 'updateLookup', 'whenAvailable', 'required']);

/** Opens the change stream described by `pipeline[0].$changeStream`. */
export function openChangeStream(ctx: CommandContext, coll: string | undefined, pipeline: Document[]): Document {
  const oplog = ctx.engine.oplog;
  if (!oplog) throw new MongoCommandError('Location40573', 'The $changeStream stage is only supported on replica sets');
  const spec = (pipeline[0].$changeStream ?? {}) as Document;
  const fullDocument = (spec.fullDocument as string | undefined) ?? 'default';
  if (!FULL_DOCUMENT.has(fullDocument)) throw new MongoCommandError('BadValue', `unknown fullDocument mode '${fullDocument}'`);
  const before = spec.fullDocumentBeforeChange as string | undefined;
  if (before !== undefined && before !== 'off') {
    throw new MongoCommandError('NotImplemented', 'fullDocumentBeforeChange (pre-images) is not supported by docdb');
  }
  let scope: StreamScope;
  if (coll !== undefined) scope = { db: ctx.db, coll };
  else if (spec.allChangesForCluster === true) {
    if (ctx.db !== 'admin') throw new MongoCommandError('InvalidOptions', "A $changeStream with 'allChangesForCluster:true' may only be opened on the 'admin' database");
    scope = {};
  } else scope = { db: ctx.db };
  const stages = pipeline.slice(1);
  checkStreamPipeline(stages);
  let pos = oplog.lastSeq;
  const token = spec.startAfter ?? spec.resumeAfter;
  if (token !== undefined) pos = tokenSeq(token);
  else if (spec.startAtOperationTime instanceof Timestamp) pos = oplog.seqAtOrAfter(spec.startAtOperationTime);
  const source = new ChangeStreamSource(ctx.engine, oplog, scope, fullDocument, stages, pos);
  const ns = coll === undefined ? `${ctx.db}.$cmd.aggregate` : `${ctx.db}.${coll}`;
  return ctx.cursors.openTailable(ns, source, source.token);
}
