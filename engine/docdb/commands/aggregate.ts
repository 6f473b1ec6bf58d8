/**
 * aggregate: runs the pipeline with mingo's Aggregator. A leading $match is answered through the
 * planner (so it can use an index); $lookup/$graphLookup/$unionWith read other collections of the
 * same database. $changeStream needs a replica set and $out/$merge are not supported: both fail.
 */
import { Aggregator } from 'mingo';
import type { Document } from 'bson';
import type { CommandContext, CommandHandler } from './context.ts';
import { findStore, mingoOptions, optInt } from './helpers.ts';
import { runRead, explainRead, rejectCollatedFilter } from '../query/executor.ts';
import { CollectionStore } from '../storage/collection-store.ts';
import { MongoCommandError, failedToParse } from '../errors.ts';
import { rewritePipeline } from '../query/pipeline-rewrite.ts';
import { openChangeStream } from './change-stream.ts';

function parsePipeline(ctx: CommandContext): Document[] {
  const pipeline = ctx.body.pipeline;
  if (!Array.isArray(pipeline)) throw new MongoCommandError('TypeMismatch', `'pipeline' option must be specified as an array`);
  (pipeline as Document[]).forEach((stage, i) => {
    const name = stage && typeof stage === 'object' ? Object.keys(stage)[0] : undefined;
    if (!name || Object.keys(stage).length !== 1) throw failedToParse('A pipeline stage specification object must contain exactly one field.');
    if (name === '$changeStream') {
      if (!ctx.engine.oplog) throw new MongoCommandError('Location40573', 'The $changeStream stage is only supported on replica sets');
      if (i !== 0) throw new MongoCommandError('Location40602', '$changeStream is only valid as the first stage in a pipeline');
    }
    if (name === '$out' || name === '$merge') {
      throw new MongoCommandError('NotImplemented', `${name} is not supported by docdb; read the results and write them with insert instead`);
    }
  });
  return rewritePipeline(pipeline as Document[]);
}

/** Source documents: the leading $match through the planner, else the whole collection. */
function source(ctx: CommandContext, coll: string | undefined, pipeline: Document[], mingo: Document): { docs: Document[]; rest: Document[] } {
  const store = coll === undefined ? undefined : findStore(ctx, coll);
  if (!store) return { docs: [], rest: pipeline };
  const first = pipeline[0];
  if (first && '$match' in first && typeof first.$match === 'object') {
    return { docs: runRead(store, { filter: first.$match as Document, mingo }).docs, rest: pipeline.slice(1) };
  }
  return { docs: Array.from(store.scan()), rest: pipeline };
}

export const aggregate: CommandHandler = (ctx) => {
  const target = ctx.body.aggregate;
  const coll = typeof target === 'string' ? target : undefined;
  if (coll === undefined && target !== 1) throw new MongoCommandError('InvalidNamespace', `Invalid aggregate namespace`);
  const pipeline = parsePipeline(ctx);
  const mingo = mingoOptions(ctx.body);
  if (ctx.body.explain) return explainAggregate(ctx, coll, pipeline);
  if (typeof ctx.body.cursor !== 'object' || ctx.body.cursor === null) {
    throw failedToParse(`The 'cursor' option is required, except for aggregate with the explain argument`);
  }
  if (pipeline[0] && '$changeStream' in pipeline[0]) return openChangeStream(ctx, coll, pipeline);
  const { docs, rest } = source(ctx, coll, pipeline, mingo);
  if (mingo.collation && rest.some((stage) => '$match' in stage)) rejectCollatedFilter({ collated: true }, mingo);
  const resolver = (name: string): Document[] => {
    const meta = ctx.engine.catalog.get(ctx.db, name);
    return meta ? Array.from(new CollectionStore(ctx.engine, ctx.db, meta, ctx.backend).scan()) : [];
  };
  let results: Document[];
  try {
    results = new Aggregator(rest, { ...mingo, collectionResolver: resolver }).run(docs) as Document[];
  } catch (err) {
    const msg = (err as Error).message;
    if (/not registered|unknown|unrecognized/i.test(msg)) throw new MongoCommandError('FailedToParse', `Unrecognized pipeline stage or operator: ${msg}`);
    throw new MongoCommandError('BadValue', msg);
  }
  const batchSize = optInt(ctx.body.cursor as Document, 'batchSize');
  const ns = coll === undefined ? `${ctx.db}.$cmd.aggregate` : `${ctx.db}.${coll}`;
  return ctx.cursors.open(ns, results, batchSize, false);
};

function explainAggregate(ctx: CommandContext, coll: string | undefined, pipeline: Document[]): Document {
  const store = coll === undefined ? undefined : findStore(ctx, coll);
  const first = pipeline[0];
  const filter = first && '$match' in first ? (first.$match as Document) : {};
  const plan = store ? explainRead(store, { filter }, 'queryPlanner') : { queryPlanner: { winningPlan: { stage: 'EOF' } } };
  return { ...plan, stages: pipeline, ok: 1 };
}
