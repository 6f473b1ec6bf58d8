/** listIndexes: the _id index and every created index, as a cursor. */
import type { Document } from 'bson';
import type { CommandHandler } from './context.ts';
import { collectionName } from './helpers.ts';
import { MongoCommandError } from '../errors.ts';
import type { IndexSpec } from '../storage/catalog.ts';

/** An index as listIndexes reports it. */
export function describeIndex(i: IndexSpec): Document {
  const out: Document = { v: 2, key: i.key, name: i.name };
  if (i.unique) out.unique = true;
  if (i.sparse) out.sparse = true;
  if (i.partialFilterExpression) out.partialFilterExpression = i.partialFilterExpression;
  if (i.expireAfterSeconds !== undefined) out.expireAfterSeconds = i.expireAfterSeconds;
  return out;
}

export const listIndexes: CommandHandler = (ctx) => {
  const coll = collectionName(ctx);
  const meta = ctx.engine.catalog.get(ctx.db, coll);
  if (!meta) throw new MongoCommandError('NamespaceNotFound', `ns does not exist: ${ctx.db}.${coll}`);
  const docs = [{ v: 2, key: { _id: 1 }, name: '_id_' }, ...meta.indexes.map(describeIndex)];
  const batchSize = (ctx.body.cursor as Document | undefined)?.batchSize as number | undefined;
  return ctx.cursors.open(`${ctx.db}.${coll}`, docs, batchSize, false);
};
