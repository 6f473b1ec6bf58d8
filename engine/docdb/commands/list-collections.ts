/** listCollections: collections of a database as a cursor, with filter and nameOnly. */
import { Query } from 'mingo';
import type { Document } from 'bson';
import type { CommandHandler } from './context.ts';
import { optDoc } from './helpers.ts';

export const listCollections: CommandHandler = (ctx) => {
  const filter = optDoc(ctx.body, 'filter');
  const nameOnly = ctx.body.nameOnly === true;
  let docs: Document[] = ctx.engine.catalog.collections(ctx.db).map((meta) => (nameOnly
    ? { name: meta.name, type: 'collection' }
    : {
      name: meta.name,
      type: 'collection',
      options: meta.options ?? {},
      info: { readOnly: false },
      idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
    }));
  if (filter && Object.keys(filter).length) {
    const q = new Query(filter);
    docs = docs.filter((d) => q.test(d));
  }
  const batchSize = (ctx.body.cursor as Document | undefined)?.batchSize as number | undefined;
  return ctx.cursors.open(`${ctx.db}.$cmd.listCollections`, docs, batchSize, false);
};
