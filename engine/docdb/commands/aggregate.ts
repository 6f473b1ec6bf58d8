/**
 * aggregate: runs the pipeline with mingo's Aggregator. A leading $match is answered through the
 * planner (so it can use an index); $lookup/$graphLookup/$unionWith read other collections of the
 * same database. A final $out replaces a collection; $merge is not supported.
 */
import { Aggregator } from 'mingo';
import type { Document } from 'bson';
import type { CommandContext, CommandHandler } from './context.ts';
import { ensureCollection, findStore, mingoOptions, optInt } from './helpers.ts';
import { withIdFirst } from '../query/apply-update.ts';
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
    if (name === '$merge') {
      throw new MongoCommandError('NotImplemented', '$merge is not supported by docdb; use $out (replace a collection) or write the results yourself');
    }
    if (name === '$out' && i !== pipeline.length - 1) throw new MongoCommandError('Location40601', '$out can only be the final stage in the pipeline');
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

export const aggregate: CommandHandler = async (ctx) => {
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
  const last = pipeline[pipeline.length - 1];
  const out = last && '$out' in last ? outTarget(ctx, last.$out) : undefined;
  const { docs, rest } = source(ctx, coll, out ? pipeline.slice(0, -1) : pipeline, mingo);
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
  if (out) {
    await writeOut(ctx, out, results);
    return ctx.cursors.open(ns, [], batchSize, true);
  }
  return ctx.cursors.open(ns, results, batchSize, false);
};

/** Target of a final `$out` stage. */
function outTarget(ctx: CommandContext, spec: unknown): { db: string; coll: string } {
  if (typeof spec === 'string') return { db: ctx.db, coll: spec };
  const o = spec as { db?: unknown; coll?: unknown } | null;
  if (o && typeof o.db === 'string' && typeof o.coll === 'string') return { db: o.db, coll: o.coll };
  throw failedToParse("$out requires a collection name or { db, coll }");
}

/** $out: atomically replaces the target collection's documents (its indexes stay and are enforced). */
async function writeOut(ctx: CommandContext, target: { db: string; coll: string }, results: Document[]): Promise<void> {
  if (ctx.inTransaction) throw new MongoCommandError('OperationNotSupportedInTransaction', '$out cannot be used in a transaction');
  await ctx.write(() => {
    const outCtx = { ...ctx, db: target.db };
    const store = new CollectionStore(ctx.engine, target.db, ensureCollection(outCtx, target.coll), ctx.backend);
    for (const doc of Array.from(store.scan())) store.remove(doc);
    for (const doc of results) store.insert(withIdFirst(doc));
  });
}

function explainAggregate(ctx: CommandContext, coll: string | undefined, pipeline: Document[]): Document {
  const store = coll === undefined ? undefined : findStore(ctx, coll);
  const first = pipeline[0];
  const filter = first && '$match' in first ? (first.$match as Document) : {};
  const plan = store ? explainRead(store, { filter }, 'queryPlanner') : { queryPlanner: { winningPlan: { stage: 'EOF' } } };
  return { ...plan, stages: pipeline, ok: 1 };
}
