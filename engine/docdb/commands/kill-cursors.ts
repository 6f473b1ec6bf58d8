/** killCursors: closes cursors by id. */
import type { CommandHandler } from './context.ts';
import { cursorId } from './get-more.ts';
import { MongoCommandError } from '../errors.ts';

export const killCursors: CommandHandler = (ctx) => {
  const ids = ctx.body.cursors;
  if (!Array.isArray(ids)) throw new MongoCommandError('TypeMismatch', `BSON field 'killCursors.cursors' is missing or not an array`);
  return { ...ctx.cursors.kill(ids.map(cursorId)), cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};
