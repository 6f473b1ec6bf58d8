/** count: number of matching documents, with skip/limit. */
import type { CommandHandler } from './context.ts';
import { collectionName, findStore, mingoOptions, optDoc, optInt } from './helpers.ts';
import { runRead } from '../query/executor.ts';

export const count: CommandHandler = (ctx) => {
  const store = findStore(ctx, collectionName(ctx));
  if (!store) return { n: 0, ok: 1 };
  const query = optDoc(ctx.body, 'query') ?? {};
  const skip = optInt(ctx.body, 'skip') ?? 0;
  const limit = Math.abs(Number(ctx.body.limit ?? 0));
  if (Object.keys(query).length === 0) {
    const total = Math.max(0, store.count() - skip);
    return { n: limit ? Math.min(limit, total) : total, ok: 1 };
  }
  const { docs } = runRead(store, { filter: query, skip, limit: limit || undefined, hint: ctx.body.hint, mingo: mingoOptions(ctx.body) });
  return { n: docs.length, ok: 1 };
};
