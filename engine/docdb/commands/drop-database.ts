/** dropDatabase: drops every collection of the database. */
import type { CommandHandler } from './context.ts';
import { CollectionStore } from '../storage/collection-store.ts';

export const dropDatabase: CommandHandler = (ctx) => ctx.write(() => {
  for (const meta of ctx.engine.catalog.collections(ctx.db)) {
    new CollectionStore(ctx.engine, ctx.db, meta, ctx.backend).dropAll();
    ctx.engine.oplog?.append({ op: 'drop', db: ctx.db, coll: meta.name });
  }
  ctx.engine.oplog?.append({ op: 'dropDatabase', db: ctx.db });
  ctx.engine.catalog.removeDatabase(ctx.db);
  ctx.engine.saveCatalog();
  return { dropped: ctx.db, ok: 1 };
});
