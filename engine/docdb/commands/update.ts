/** update: statements with upsert, multi, arrayFilters, replacement and pipeline updates. */
import type { Document } from 'bson';
import type { CommandHandler } from './context.ts';
import { collectionName, ensureCollection, mingoOptions } from './helpers.ts';
import { checkBatch, writeError } from './write-errors.ts';
import { CollectionStore } from '../storage/collection-store.ts';
import { executeUpdate } from '../query/update-statement.ts';
import { failedToParse } from '../errors.ts';

export const update: CommandHandler = async (ctx) => {
  const coll = collectionName(ctx);
  const statements = checkBatch(ctx.body.updates, 'update.updates');
  const ordered = ctx.body.ordered !== false;
  const mingo = mingoOptions(ctx.body);
  const result = await ctx.write(() => {
    let n = 0;
    let nModified = 0;
    const upserted: Document[] = [];
    const writeErrors: Document[] = [];
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i];
      try {
        if (typeof s.q !== 'object' || s.q === null) throw failedToParse(`BSON field 'update.updates.q' is missing but a required field`);
        if (s.u === undefined) throw failedToParse(`BSON field 'update.updates.u' is missing but a required field`);
        const existing = ctx.engine.catalog.get(ctx.db, coll);
        if (!existing && !s.upsert) continue;
        const store = new CollectionStore(ctx.engine, ctx.db, existing ?? ensureCollection(ctx, coll), ctx.backend);
        const out = executeUpdate(store, {
          q: s.q as Document, u: s.u, typedU: (ctx.typedBody.updates as Document[])[i]?.u, upsert: s.upsert === true, multi: s.multi === true,
          arrayFilters: s.arrayFilters as Document[] | undefined, hint: s.hint,
        }, { ...mingo, ...mingoOptions(s as Document) });
        n += out.n;
        nModified += out.nModified;
        if (out.upsertedId !== undefined) upserted.push({ index: i, _id: out.upsertedId });
      } catch (err) {
        writeErrors.push(writeError(i, err));
        if (ordered) break;
      }
    }
    return { n, nModified, upserted, writeErrors };
  });
  const reply: Document = { n: result.n, nModified: result.nModified };
  if (result.upserted.length) reply.upserted = result.upserted;
  if (result.writeErrors.length) reply.writeErrors = result.writeErrors;
  reply.ok = 1;
  return reply;
};
