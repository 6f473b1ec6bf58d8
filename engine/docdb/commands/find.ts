/** find: filter, projection, sort, skip, limit, batchSize, singleBatch, hint; returns a cursor. */
import type { CommandHandler } from './context.ts';
import { collectionName, findStore, mingoOptions, optBool, optDoc, optInt } from './helpers.ts';
import { runRead } from '../query/executor.ts';
import { MongoCommandError } from '../errors.ts';

export const find: CommandHandler = (ctx) => {
  const coll = collectionName(ctx);
  const ns = `${ctx.db}.${coll}`;
  if (ctx.body.tailable || ctx.body.awaitData) {
    throw new MongoCommandError('BadValue', 'error processing query: tailable cursor requested on non capped collection');
  }
  const filter = optDoc(ctx.body, 'filter') ?? {};
  const rawLimit = typeof ctx.body.limit === 'number' ? ctx.body.limit : undefined;
  const limit = rawLimit !== undefined ? Math.abs(rawLimit) : optInt(ctx.body, 'limit');
  const batchSize = optInt(ctx.body, 'batchSize');
  const singleBatch = optBool(ctx.body, 'singleBatch') === true || (rawLimit !== undefined && rawLimit < 0);
  const store = findStore(ctx, coll);
  if (!store) return ctx.cursors.open(ns, [], batchSize, true);
  const { docs } = runRead(store, {
    filter,
    sort: optDoc(ctx.body, 'sort'),
    projection: optDoc(ctx.body, 'projection'),
    skip: optInt(ctx.body, 'skip'),
    limit: limit || undefined,
    hint: ctx.body.hint,
    mingo: mingoOptions(ctx.body),
  });
  // unprojected results are the stored documents: return them with their stored int64 types
  const out = ctx.body.projection && Object.keys(ctx.body.projection as object).length ? docs : docs.map((d) => ctx.engine.typed(d));
  return ctx.cursors.open(ns, out, batchSize, singleBatch);
};
