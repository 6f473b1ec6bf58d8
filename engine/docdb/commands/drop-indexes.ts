/** dropIndexes: by name, by key pattern, a list of names, or "*" (all but _id). */
import type { Document } from 'bson';
import type { CommandHandler } from './context.ts';
import { collectionName } from './helpers.ts';
import { MongoCommandError } from '../errors.ts';
import { CollectionStore } from '../storage/collection-store.ts';
import type { IndexSpec } from '../storage/catalog.ts';

export const dropIndexes: CommandHandler = (ctx) => {
  const coll = collectionName(ctx);
  const target = ctx.body.index;
  return ctx.write(() => {
    const meta = ctx.engine.catalog.get(ctx.db, coll);
    if (!meta) throw new MongoCommandError('NamespaceNotFound', `ns not found ${ctx.db}.${coll}`);
    const nIndexesWas = meta.indexes.length + 1;
    let victims: IndexSpec[];
    if (target === '*') victims = [...meta.indexes];
    else {
      const wanted = Array.isArray(target) ? target : [target];
      victims = wanted.map((w) => {
        if (w === '_id_' || (typeof w === 'object' && JSON.stringify(w) === '{"_id":1}')) {
          throw new MongoCommandError('InvalidOptions', 'cannot drop _id index');
        }
        const found = meta.indexes.find((i) => (typeof w === 'string' ? i.name === w : JSON.stringify(i.key) === JSON.stringify(w)));
        if (!found) {
          throw new MongoCommandError('IndexNotFound', typeof w === 'string'
            ? `index not found with name [${w}]` : `can't find index with key: ${JSON.stringify(w as Document)}`);
        }
        return found;
      });
    }
    const store = new CollectionStore(ctx.engine, ctx.db, meta, ctx.backend);
    for (const v of victims) store.dropIndexEntries(v);
    meta.indexes = meta.indexes.filter((i) => !victims.includes(i));
    ctx.engine.saveCatalog();
    return { nIndexesWas, ok: 1 };
  });
};
