/**
 * Parsing and serialising of the messages docdb speaks: OP_MSG (kind 0 body, kind 1 document
 * sequences, CRC-32C checksum) and the legacy OP_QUERY handshake answered with OP_REPLY.
 */
import { deserialize, serialize, type Document } from 'bson';
import { WireProtocolError } from '../errors.ts';
import { LIMITS } from '../docdb-options.ts';
import { crc32c } from './crc32c.ts';
import {
  HEADER_SIZE, MSG_CHECKSUM_PRESENT, MSG_MORE_TO_COME, OP_MSG, OP_QUERY, OP_REPLY,
} from './constants.ts';

/** A decoded request. `body` already has kind-1 sequences merged in under their identifiers. */
export interface WireRequest {
  readonly requestId: number;
  readonly opCode: typeof OP_MSG | typeof OP_QUERY;
  readonly body: Document;
  readonly moreToCome: boolean;
  readonly checksum: boolean;
  /** OP_QUERY only: the full collection name (e.g. admin.$cmd). */
  readonly collection?: string;
}

// Longs stay Long on the wire side (see bson-longs.ts); the dispatcher promotes a copy for mingo.
const BSON_OPTS = { validation: { utf8: false as const }, promoteLongs: false };

function readBson(buf: Buffer, offset: number, limit: number, what: string): { doc: Document; size: number } {
  if (offset + 5 > buf.length) throw new WireProtocolError(`truncated ${what}`);
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > buf.length) throw new WireProtocolError(`invalid BSON size ${size} in ${what}`);
  if (size > limit) throw new WireProtocolError(`${what} of ${size} bytes exceeds the maximum of ${limit}`);
  try {
    return { doc: deserialize(buf.subarray(offset, offset + size), BSON_OPTS), size };
  } catch (err) {
    throw new WireProtocolError(`invalid BSON in ${what}: ${(err as Error).message}`);
  }
}

function readCString(buf: Buffer, offset: number, end: number): { value: string; next: number } {
  const zero = buf.indexOf(0, offset);
  if (zero < 0 || zero >= end) throw new WireProtocolError('unterminated cstring');
  return { value: buf.toString('utf8', offset, zero), next: zero + 1 };
}

/** Decodes one complete frame (header included). Throws WireProtocolError when malformed. */
export function decodeFrame(frame: Buffer): WireRequest {
  const requestId = frame.readInt32LE(4);
  const opCode = frame.readInt32LE(12);
  if (opCode === OP_MSG) return decodeOpMsg(frame, requestId);
  if (opCode === OP_QUERY) return decodeOpQuery(frame, requestId);
  throw new WireProtocolError(`unsupported opCode ${opCode}`);
}

function decodeOpMsg(frame: Buffer, requestId: number): WireRequest {
  if (frame.length < HEADER_SIZE + 5) throw new WireProtocolError('OP_MSG too short');
  const flags = frame.readUInt32LE(HEADER_SIZE);
  const low = flags & 0xffff;
  if (low & ~(MSG_CHECKSUM_PRESENT | MSG_MORE_TO_COME)) {
    throw new WireProtocolError(`OP_MSG has unknown required flag bits ${low.toString(2)}`);
  }
  const checksum = (flags & MSG_CHECKSUM_PRESENT) !== 0;
  let end = frame.length;
  if (checksum) {
    end -= 4;
    if (end < HEADER_SIZE + 4) throw new WireProtocolError('OP_MSG too short for its checksum');
    const expected = frame.readUInt32LE(end);
    const actual = crc32c(frame.subarray(0, end));
    if (expected !== actual) throw new WireProtocolError('OP_MSG checksum mismatch');
  }
  let offset = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  const bodyLimit = LIMITS.maxBsonObjectSize + LIMITS.internalSlack;
  while (offset < end) {
    const kind = frame[offset++];
    if (kind === 0) {
      if (body) throw new WireProtocolError('OP_MSG has more than one kind-0 section');
      const { doc, size } = readBson(frame.subarray(0, end), offset, bodyLimit, 'OP_MSG body');
      body = doc;
      offset += size;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new WireProtocolError('truncated document sequence');
      const size = frame.readInt32LE(offset);
      const seqEnd = offset + size;
      if (size < 5 || seqEnd > end) throw new WireProtocolError(`invalid document sequence size ${size}`);
      const id = readCString(frame, offset + 4, seqEnd);
      const docs: Document[] = [];
      let p = id.next;
      while (p < seqEnd) {
        // Oversize documents are decoded here and rejected per document by the command.
        const item = readBson(frame.subarray(0, seqEnd), p, LIMITS.maxMessageSizeBytes, `document sequence '${id.value}'`);
        docs.push(item.doc);
        p += item.size;
      }
      sequences.push([id.value, docs]);
      offset = seqEnd;
    } else {
      throw new WireProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new WireProtocolError('OP_MSG has no kind-0 body section');
  for (const [id, docs] of sequences) {
    if (id in body) throw new WireProtocolError(`duplicate field '${id}' in body and document sequence`);
    body[id] = docs;
  }
  return { requestId, opCode: OP_MSG, body, moreToCome: (flags & MSG_MORE_TO_COME) !== 0, checksum };
}

function decodeOpQuery(frame: Buffer, requestId: number): WireRequest {
  let offset = HEADER_SIZE + 4; // skip flags
  const coll = readCString(frame, offset, frame.length);
  offset = coll.next + 8; // numberToSkip, numberToReturn
  const { doc } = readBson(frame, offset, LIMITS.maxBsonObjectSize + LIMITS.internalSlack, 'OP_QUERY query');
  const body = doc.$query && typeof doc.$query === 'object' ? (doc.$query as Document) : doc;
  return { requestId, opCode: OP_QUERY, body, moreToCome: false, checksum: false, collection: coll.value };
}

let nextResponseId = 1;

/** Encodes an OP_MSG reply with one kind-0 section, adding a CRC-32C when `checksum` is set. */
export function encodeOpMsg(responseTo: number, body: Document, checksum: boolean): Buffer {
  const bson = serialize(body);
  const length = HEADER_SIZE + 4 + 1 + bson.length + (checksum ? 4 : 0);
  const out = Buffer.allocUnsafe(length);
  out.writeInt32LE(length, 0);
  out.writeInt32LE(nextResponseId++ & 0x7fffffff, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_MSG, 12);
  out.writeUInt32LE(checksum ? MSG_CHECKSUM_PRESENT : 0, 16);
  out[20] = 0;
  out.set(bson, 21);
  if (checksum) out.writeUInt32LE(crc32c(out.subarray(0, length - 4)), length - 4);
  return out;
}

/** Encodes a legacy OP_REPLY carrying one document (the answer to an OP_QUERY command). */
export function encodeOpReply(responseTo: number, doc: Document): Buffer {
  const bson = serialize(doc);
  const length = HEADER_SIZE + 20 + bson.length;
  const out = Buffer.alloc(length);
  out.writeInt32LE(length, 0);
  out.writeInt32LE(nextResponseId++ & 0x7fffffff, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_REPLY, 12);
  out.writeInt32LE(8, 16); // AwaitCapable
  out.writeBigInt64LE(0n, 20);
  out.writeInt32LE(0, 28);
  out.writeInt32LE(1, 32);
  out.set(bson, 36);
  return out;
}
