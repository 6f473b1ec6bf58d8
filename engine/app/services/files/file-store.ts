import type { Readable } from 'node:stream';
import mongoose, { type Connection, type Types } from 'mongoose';

/** Limits for uploaded attachments. */
export interface UploadLimits {
  maxBytes: number;
  contentTypes: readonly string[];
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: 10 * 1024 * 1024,
  contentTypes: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'text/plain'],
};

/** Files in GridFS (bucket "attachments"), reached through mongoose's driver. */
export class FileStore {
  private readonly bucket: InstanceType<typeof mongoose.mongo.GridFSBucket>;

  constructor(conn: Connection) {
    if (!conn.db) throw new Error('FileStore needs a connected mongoose connection');
    this.bucket = new mongoose.mongo.GridFSBucket(conn.db, { bucketName: 'attachments' });
  }

  /** Stores a buffer; returns its file id. */
  put(data: Buffer, filename: string, contentType: string, metadata: Record<string, unknown>): Promise<Types.ObjectId> {
    return new Promise((resolve, reject) => {
      const upload = this.bucket.openUploadStream(filename, { metadata: { ...metadata, contentType } });
      upload.once('error', reject);
      upload.once('finish', () => resolve(upload.id as Types.ObjectId));
      upload.end(data);
    });
  }

  /** A readable stream of the file. */
  open(id: Types.ObjectId): Readable {
    return this.bucket.openDownloadStream(id);
  }

  /** Whole file as a buffer (small files only). */
  async read(id: Types.ObjectId): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of this.open(id)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }
}
