/** distinct: distinct values of a field (arrays flattened) among matching documents. */
import type { CommandHandler } from './context.ts';
import { collectionName, findStore, mingoOptions, optDoc } from './helpers.ts';
import { runRead } from '../query/executor.ts';
import { pathValues } from '../storage/index-keys.ts';
import { encodeKey } from '../storage/key-encoding.ts';
import { MongoCommandError } from '../errors.ts';

export const distinct: CommandHandler = (ctx) => {
  const key = ctx.body.key;
  if (typeof key !== 'string') throw new MongoCommandError('TypeMismatch', `BSON field 'distinct.key' is missing or not a string`);
  const store = findStore(ctx, collectionName(ctx));
  if (!store) return { values: [], ok: 1 };
  const { docs } = runRead(store, { filter: optDoc(ctx.body, 'query') ?? {}, hint: ctx.body.hint, mingo: mingoOptions(ctx.body) });
  const seen = new Map<string, unknown>();
  for (const doc of docs) {
    for (const v of pathValues(doc, key.split('.'))) {
      if (v === undefined) continue;
      const k = encodeKey(v).toString('latin1');
      if (!seen.has(k)) seen.set(k, v);
    }
  }
  const values = [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { values, ok: 1 };
};
