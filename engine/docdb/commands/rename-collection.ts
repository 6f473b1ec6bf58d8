/** renameCollection (admin): renames within a database; documents and indexes keep their storage ids. */
import type { CommandHandler } from './context.ts';
import { MongoCommandError } from '../errors.ts';
import { CollectionStore } from '../storage/collection-store.ts';
import { validateDbName } from './helpers.ts';

function splitNs(ns: unknown, field: string): [string, string] {
  if (typeof ns !== 'string' || !ns.includes('.')) throw new MongoCommandError('InvalidNamespace', `Invalid ${field} namespace: ${String(ns)}`);
  const dot = ns.indexOf('.');
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}

export const renameCollection: CommandHandler = (ctx) => {
  if (ctx.db !== 'admin') throw new MongoCommandError('Unauthorized', 'renameCollection may only be run against the admin database.');
  const [fromDb, fromColl] = splitNs(ctx.body.renameCollection, 'source');
  const [toDb, toColl] = splitNs(ctx.body.to, 'target');
  validateDbName(toDb);
  if (fromDb !== toDb) throw new MongoCommandError('NotImplemented', 'renameCollection across databases is not supported by docdb');
  return ctx.write(() => {
    const meta = ctx.engine.catalog.get(fromDb, fromColl);
    if (!meta) throw new MongoCommandError('NamespaceNotFound', 'Source collection does not exist');
    const target = ctx.engine.catalog.get(toDb, toColl);
    if (target) {
      if (ctx.body.dropTarget !== true) throw new MongoCommandError('NamespaceExists', 'target namespace exists');
      new CollectionStore(ctx.engine, toDb, target).dropAll();
      ctx.engine.catalog.remove(toDb, toColl);
    }
    ctx.engine.catalog.remove(fromDb, fromColl);
    ctx.engine.catalog.put(toDb, { ...meta, name: toColl });
    ctx.engine.saveCatalog();
    return { ok: 1 };
  });
};
