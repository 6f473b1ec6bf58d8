/** create: explicit collection creation; options docdb cannot honour are rejected. */
import type { CommandHandler } from './context.ts';
import { collectionName, ensureCollection } from './helpers.ts';
import { MongoCommandError } from '../errors.ts';

const UNSUPPORTED = ['capped', 'timeseries', 'viewOn', 'pipeline', 'clusteredIndex', 'validator', 'changeStreamPreAndPostImages', 'encryptedFields', 'expireAfterSeconds'];

export const create: CommandHandler = (ctx) => {
  const coll = collectionName(ctx);
  for (const opt of UNSUPPORTED) {
    if (ctx.body[opt] !== undefined && ctx.body[opt] !== false) {
      throw new MongoCommandError('NotImplemented', `create option '${opt}' is not supported by docdb`);
    }
  }
  return ctx.write(() => {
    if (ctx.engine.catalog.get(ctx.db, coll)) {
      throw new MongoCommandError('NamespaceExists', `Collection ${ctx.db}.${coll} already exists.`);
    }
    ensureCollection(ctx, coll);
    return { ok: 1 };
  });
};
