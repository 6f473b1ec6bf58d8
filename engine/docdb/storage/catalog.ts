/**
 * The catalog: databases, collections and their index definitions, kept in memory and persisted
 * as one BSON document in the `meta` lmdb database inside the same transactions as the data.
 */
import { deserialize, serialize, type Document } from 'bson';

/** An index definition as listIndexes reports it, plus docdb's numeric key prefix. */
export interface IndexSpec {
  /** Numeric prefix of the index's entries in the `idx` database. */
  id: number;
  name: string;
  key: Record<string, number | string>;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
}

/** A collection's metadata. */
export interface CollectionMeta {
  /** Numeric prefix of the collection's documents in the `docs` database. */
  id: number;
  name: string;
  options: Document;
  indexes: IndexSpec[];
}

/** Whole catalog as persisted. */
export interface CatalogState {
  nextId: number;
  databases: Record<string, Record<string, CollectionMeta>>;
}

/** In-memory catalog; mutations are persisted by the caller inside its write transaction. */
export class Catalog {
  private state: CatalogState;

  constructor(raw?: Buffer) {
    this.state = raw ? (deserialize(raw) as CatalogState) : { nextId: 1, databases: {} };
  }

  /** Serialized form for persisting. */
  toBuffer(): Buffer {
    return Buffer.from(serialize(this.state));
  }

  allocateId(): number {
    return this.state.nextId++;
  }

  databaseNames(): string[] {
    return Object.keys(this.state.databases).filter((db) => Object.keys(this.state.databases[db]).length > 0);
  }

  collections(db: string): CollectionMeta[] {
    return Object.values(this.state.databases[db] ?? {});
  }

  get(db: string, coll: string): CollectionMeta | undefined {
    return this.state.databases[db]?.[coll];
  }

  put(db: string, meta: CollectionMeta): void {
    (this.state.databases[db] ??= {})[meta.name] = meta;
  }

  remove(db: string, coll: string): void {
    const dbs = this.state.databases[db];
    if (dbs) delete dbs[coll];
    if (dbs && Object.keys(dbs).length === 0) delete this.state.databases[db];
  }

  removeDatabase(db: string): void {
    delete this.state.databases[db];
  }
}
