/** getMore: the next batch of an open cursor. */
import type { CommandHandler } from './context.ts';
import { optInt } from './helpers.ts';
import { MongoCommandError } from '../errors.ts';

/** Reads a cursor id sent as int64 (promoted to number) or Long. */
export function cursorId(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number((v as { toNumber?: () => number })?.toNumber?.());
  if (!Number.isFinite(n)) throw new MongoCommandError('TypeMismatch', `cursor id must be a 64-bit integer`);
  return n;
}

export const getMore: CommandHandler = (ctx) => {
  const coll = ctx.body.collection;
  if (typeof coll !== 'string') throw new MongoCommandError('TypeMismatch', `BSON field 'getMore.collection' is missing or not a string`);
  return ctx.cursors.getMore(cursorId(ctx.body.getMore), `${ctx.db}.${coll}`, optInt(ctx.body, 'batchSize'), optInt(ctx.body, 'maxTimeMS') ?? 1000);
};
