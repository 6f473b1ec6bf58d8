/** listDatabases: databases that hold at least one collection. */
import { Query } from 'mingo';
import type { Document } from 'bson';
import type { CommandHandler } from './context.ts';
import { optDoc } from './helpers.ts';
import { CollectionStore } from '../storage/collection-store.ts';

export const listDatabases: CommandHandler = (ctx) => {
  const filter = optDoc(ctx.body, 'filter');
  const nameOnly = ctx.body.nameOnly === true;
  let databases: Document[] = ctx.engine.catalog.databaseNames().map((name) => {
    if (nameOnly) return { name };
    const docs = ctx.engine.catalog.collections(name).reduce((n, m) => n + new CollectionStore(ctx.engine, name, m).count(), 0);
    return { name, sizeOnDisk: docs * 256, empty: docs === 0 };
  });
  if (filter && Object.keys(filter).length) {
    const q = new Query(filter);
    databases = databases.filter((d) => q.test(d));
  }
  const totalSize = databases.reduce((n, d) => n + ((d.sizeOnDisk as number | undefined) ?? 0), 0);
  return nameOnly ? { databases, ok: 1 } : { databases, totalSize, totalSizeMb: Math.round(totalSize / 1048576), ok: 1 };
};
