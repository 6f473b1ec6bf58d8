/** delete: statements with limit 0 (all matches) or 1. */
import type { Document } from 'bson';
import type { CommandHandler } from './context.ts';
import { collectionName, findStore, mingoOptions } from './helpers.ts';
import { checkBatch, writeError } from './write-errors.ts';
import { runRead } from '../query/executor.ts';
import { failedToParse } from '../errors.ts';

export const deleteCommand: CommandHandler = async (ctx) => {
  const coll = collectionName(ctx);
  const statements = checkBatch(ctx.body.deletes, 'delete.deletes');
  const ordered = ctx.body.ordered !== false;
  const mingo = mingoOptions(ctx.body);
  const result = await ctx.write(() => {
    let n = 0;
    const writeErrors: Document[] = [];
    const store = findStore(ctx, coll);
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i];
      try {
        if (typeof s.q !== 'object' || s.q === null) throw failedToParse(`BSON field 'delete.deletes.q' is missing but a required field`);
        const limit = Number(s.limit ?? 0);
        if (limit !== 0 && limit !== 1) throw failedToParse(`The limit field in delete objects must be 0 or 1. Got ${limit}`);
        if (!store) continue;
        const { docs } = runRead(store, { filter: s.q as Document, limit: limit || undefined, hint: s.hint, mingo: { ...mingo, ...mingoOptions(s) } });
        for (const doc of docs) store.remove(doc);
        n += docs.length;
      } catch (err) {
        writeErrors.push(writeError(i, err));
        if (ordered) break;
      }
    }
    return { n, writeErrors };
  });
  return result.writeErrors.length ? { n: result.n, writeErrors: result.writeErrors, ok: 1 } : { n: result.n, ok: 1 };
};
