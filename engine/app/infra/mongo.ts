import mongoose, { type Connection } from 'mongoose';
import type { ReadinessCheck } from '../http/readiness.ts';

/** Opens the application's mongoose connection. */
export async function connectMongo(uri: string): Promise<Connection> {
  const conn = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000, autoIndex: true });
  await conn.asPromise();
  return conn;
}

/** The URI without credentials, for logs and /readyz. */
export function redactMongoUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

/** Readiness: the server answers ping. */
export function mongoReadiness(conn: Connection, uri: string): ReadinessCheck {
  return {
    name: 'mongodb',
    target: redactMongoUri(uri),
    async check() {
      const db = conn.db;
      if (!db) throw new Error('not connected');
      await db.admin().ping();
      return 'ping ok';
    },
  };
}
