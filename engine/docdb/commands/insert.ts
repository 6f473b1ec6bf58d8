/** insert: ordered/unordered batches with per-document writeErrors. */
import type { Document } from 'bson';
import type { CommandHandler } from './context.ts';
import { collectionName, ensureCollection } from './helpers.ts';
import { checkBatch, writeError } from './write-errors.ts';
import { CollectionStore } from '../storage/collection-store.ts';
import { withIdFirst } from '../query/apply-update.ts';
import { badValue } from '../errors.ts';

export const insert: CommandHandler = async (ctx) => {
  const coll = collectionName(ctx);
  checkBatch(ctx.body.documents, 'insert.documents');
  const docs = ctx.typedBody.documents as Document[];
  const ordered = ctx.body.ordered !== false;
  const { n, writeErrors } = await ctx.write(() => {
    const store = new CollectionStore(ctx.engine, ctx.db, ensureCollection(ctx, coll), ctx.backend);
    let count = 0;
    const errors: Document[] = [];
    for (let i = 0; i < docs.length; i++) {
      try {
        const doc = withIdFirst(docs[i]);
        if (Array.isArray(doc._id)) throw badValue(`can't use an array for _id`);
        store.insert(doc);
        count++;
      } catch (err) {
        errors.push(writeError(i, err));
        if (ordered) break;
      }
    }
    return { n: count, writeErrors: errors };
  });
  return writeErrors.length ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
};
