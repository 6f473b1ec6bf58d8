/** A raw wire-protocol client for tests: builds OP_MSG / OP_QUERY frames byte by byte. */
import net from 'node:net';
import { deserialize, serialize, type Document } from 'bson';
import { crc32c } from '../../engine/docdb/wire/crc32c.ts';

/** Builds an OP_MSG frame with a body and optional document sequences. */
export function opMsg(body: Document, opts: { sequences?: Record<string, Document[]>; flags?: number; checksum?: boolean; badChecksum?: boolean; requestId?: number } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(serialize(body))];
  for (const [id, docs] of Object.entries(opts.sequences ?? {})) {
    const payload = Buffer.concat([Buffer.from(`${id}\0`), ...docs.map((d) => Buffer.from(serialize(d)))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4);
    parts.push(Buffer.from([1]), size, payload);
  }
  const flags = (opts.flags ?? 0) | (opts.checksum ? 1 : 0);
  const sections = Buffer.concat(parts);
  const length = 16 + 4 + sections.length + (opts.checksum ? 4 : 0);
  const out = Buffer.alloc(length);
  out.writeInt32LE(length, 0);
  out.writeInt32LE(opts.requestId ?? 7, 4);
  out.writeInt32LE(0, 8);
  out.writeInt32LE(2013, 12);
  out.writeUInt32LE(flags >>> 0, 16);
  sections.copy(out, 20);
  if (opts.checksum) out.writeUInt32LE((crc32c(out.subarray(0, length - 4)) + (opts.badChecksum ? 1 : 0)) >>> 0, length - 4);
  return out;
}

/** Builds a legacy OP_QUERY frame. */
export function opQuery(collection: string, query: Document): Buffer {
  const q = Buffer.from(serialize(query));
  const name = Buffer.from(`${collection}\0`);
  const length = 16 + 4 + name.length + 8 + q.length;
  const out = Buffer.alloc(length);
  out.writeInt32LE(length, 0);
  out.writeInt32LE(9, 4);
  out.writeInt32LE(2004, 12);
  name.copy(out, 20);
  out.writeInt32LE(0, 20 + name.length);
  out.writeInt32LE(-1, 24 + name.length);
  q.copy(out, 28 + name.length);
  return out;
}

/** A decoded reply frame. */
export interface RawReply {
  opCode: number;
  responseTo: number;
  flags: number;
  doc: Document;
  checksumOk?: boolean;
}

/** A connected raw socket that reads whole frames. */
export class RawClient {
  private buf = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.waiters.splice(0).forEach((w) => w());
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiters.splice(0).forEach((w) => w());
    });
    socket.on('error', () => undefined);
  }

  static async connect(port: number): Promise<RawClient> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawClient(socket);
  }

  send(frame: Buffer): void {
    this.socket.write(frame);
  }

  /** Next reply frame, or undefined if the server closed the connection. */
  async read(timeoutMs = 15_000): Promise<RawReply | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.buf.length >= 4 && this.buf.length >= this.buf.readInt32LE(0)) {
        const len = this.buf.readInt32LE(0);
        const frame = this.buf.subarray(0, len);
        this.buf = this.buf.subarray(len);
        const opCode = frame.readInt32LE(12);
        if (opCode === 1) return { opCode, responseTo: frame.readInt32LE(8), flags: frame.readInt32LE(16), doc: deserialize(frame.subarray(36)) };
        const flags = frame.readUInt32LE(16);
        const end = flags & 1 ? len - 4 : len;
        const checksumOk = flags & 1 ? frame.readUInt32LE(len - 4) === crc32c(frame.subarray(0, len - 4)) : undefined;
        return { opCode, responseTo: frame.readInt32LE(8), flags, doc: deserialize(frame.subarray(21, end)), checksumOk };
      }
      if (this.closed) return undefined;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a reply');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves true once the server has closed the connection. */
  async waitClosed(timeoutMs = 15_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return this.closed;
  }

  close(): void {
    this.socket.destroy();
  }
}
