/** Splits a TCP byte stream into length-prefixed wire-protocol frames. */
import { WireProtocolError } from '../errors.ts';
import { LIMITS } from '../docdb-options.ts';
import { HEADER_SIZE } from './constants.ts';

/** Accumulates chunks and yields complete frames; throws WireProtocolError on an impossible length. */
export class FrameSplitter {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Adds a chunk and returns every frame now complete. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    while (this.buffered >= 4) {
      const head = this.peek(4);
      const length = head.readInt32LE(0);
      if (length < HEADER_SIZE || length > LIMITS.maxMessageSizeBytes) {
        throw new WireProtocolError(`invalid message length ${length}`);
      }
      if (this.buffered < length) break;
      frames.push(this.take(length));
    }
    return frames;
  }

  private peek(n: number): Buffer {
    if (this.chunks[0].length >= n) return this.chunks[0].subarray(0, n);
    const all = Buffer.concat(this.chunks);
    this.chunks = [all];
    return all.subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const frame = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.buffered -= n;
    return frame;
  }
}
