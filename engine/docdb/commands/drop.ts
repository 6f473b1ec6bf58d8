/** drop: removes a collection with its documents and indexes. */
import type { CommandHandler } from './context.ts';
import { collectionName } from './helpers.ts';
import { CollectionStore } from '../storage/collection-store.ts';

export const drop: CommandHandler = (ctx) => {
  const coll = collectionName(ctx);
  const ns = `${ctx.db}.${coll}`;
  return ctx.write(() => {
    const meta = ctx.engine.catalog.get(ctx.db, coll);
    if (!meta) return { ok: 1 };
    new CollectionStore(ctx.engine, ctx.db, meta, ctx.backend).dropAll();
    ctx.engine.catalog.remove(ctx.db, coll);
    ctx.engine.oplog?.append({ op: 'drop', db: ctx.db, coll });
    ctx.engine.saveCatalog();
    return { ns, nIndexesWas: meta.indexes.length + 1, ok: 1 };
  });
};
