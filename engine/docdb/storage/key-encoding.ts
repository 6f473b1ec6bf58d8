/**
 * Order-preserving binary encoding of BSON values for lmdb keys. Byte order of encoded keys follows
 * MongoDB's comparison order across types (MinKey < null < numbers < strings < objects < arrays <
 * BinData < ObjectId < bool < Date < Timestamp < RegExp < MaxKey). Numbers of every BSON numeric
 * type share one bracket and are compared by value (as doubles), so 1, 1.0 and Long(1) are equal.
 */

/** Type tags, ascending in MongoDB's cross-type order. */
export const Tag = {
  MinKey: 0x01,
  Null: 0x05,
  NaN: 0x10,
  Number: 0x11,
  String: 0x20,
  Object: 0x30,
  Array: 0x40,
  Binary: 0x50,
  ObjectId: 0x60,
  Boolean: 0x70,
  Date: 0x80,
  Timestamp: 0x90,
  RegExp: 0xa0,
  Other: 0xb0,
  MaxKey: 0xf0,
} as const;

/** Growable byte buffer. */
export class KeyWriter {
  private buf = Buffer.allocUnsafe(64);
  private len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  /** Bytes with 0x00 escaped as 00 FF, terminated by 00 00 (self-delimiting, order-preserving). */
  escaped(b: Uint8Array): void {
    this.ensure(b.length * 2 + 2);
    for (let i = 0; i < b.length; i++) {
      this.buf[this.len++] = b[i];
      if (b[i] === 0) this.buf[this.len++] = 0xff;
    }
    this.buf[this.len++] = 0;
    this.buf[this.len++] = 0;
  }

  double(n: number): void {
    this.ensure(8);
    this.buf.writeDoubleBE(n, this.len);
    if (this.buf[this.len] & 0x80) {
      for (let i = 0; i < 8; i++) this.buf[this.len + i] ^= 0xff;
    } else {
      this.buf[this.len] |= 0x80;
    }
    this.len += 8;
  }

  uint32(n: number): void {
    this.ensure(4);
    this.buf.writeUInt32BE(n >>> 0, this.len);
    this.len += 4;
  }

  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.len));
  }
}

interface BsonTyped {
  _bsontype?: string;
}

/** The type tag of a value (undefined/missing encode as null, as in MongoDB indexes). */
export function tagOf(v: unknown): number {
  if (v === null || v === undefined) return Tag.Null;
  switch (typeof v) {
    case 'number':
      return Number.isNaN(v) ? Tag.NaN : Tag.Number;
    case 'bigint':
      return Tag.Number;
    case 'string':
      return Tag.String;
    case 'boolean':
      return Tag.Boolean;
    case 'object':
      break;
    default:
      return Tag.Other;
  }
  if (Array.isArray(v)) return Tag.Array;
  if (v instanceof Date) return Tag.Date;
  if (v instanceof RegExp) return Tag.RegExp;
  const t = (v as BsonTyped)._bsontype;
  switch (t) {
    case undefined:
      return Tag.Object;
    case 'ObjectId':
      return Tag.ObjectId;
    case 'Binary':
      return Tag.Binary;
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return Number.isNaN(numericValue(v)) ? Tag.NaN : Tag.Number;
    case 'Timestamp':
      return Tag.Timestamp;
    case 'BSONRegExp':
      return Tag.RegExp;
    case 'MinKey':
      return Tag.MinKey;
    case 'MaxKey':
      return Tag.MaxKey;
    case 'BSONSymbol':
      return Tag.String;
    default:
      return Tag.Other;
  }
}

function numericValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const t = (v as BsonTyped)._bsontype;
  if (t === 'Decimal128') return Number.parseFloat(String(v));
  return Number((v as { valueOf(): number }).valueOf());
}

const utf8 = new TextEncoder();

/** Appends the encoding of `v` to `w`. */
export function encodeValue(w: KeyWriter, v: unknown): void {
  const tag = tagOf(v);
  w.byte(tag);
  switch (tag) {
    case Tag.Null:
    case Tag.NaN:
    case Tag.MinKey:
    case Tag.MaxKey:
      return;
    case Tag.Number:
      w.double(numericValue(v));
      return;
    case Tag.String:
      w.escaped(utf8.encode(String(v)));
      return;
    case Tag.Boolean:
      w.byte(v ? 1 : 0);
      return;
    case Tag.Date:
      w.double((v as Date).getTime());
      return;
    case Tag.ObjectId:
      w.bytes((v as { id: Uint8Array }).id);
      return;
    case Tag.Binary: {
      const b = v as { sub_type: number; buffer: Uint8Array; position: number };
      const data = b.buffer.subarray(0, b.position);
      w.uint32(data.length);
      w.byte(b.sub_type);
      w.bytes(data);
      return;
    }
    case Tag.Timestamp: {
      const ts = v as { high: number; low: number };
      w.uint32(ts.high);
      w.uint32(ts.low);
      return;
    }
    case Tag.RegExp: {
      const r = v as { source?: string; pattern?: string; flags?: string; options?: string };
      w.escaped(utf8.encode(r.source ?? r.pattern ?? ''));
      w.escaped(utf8.encode(r.flags ?? r.options ?? ''));
      return;
    }
    case Tag.Array:
      for (const item of v as unknown[]) encodeValue(w, item);
      w.byte(0);
      return;
    case Tag.Object:
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        if (item === undefined) continue;
        w.byte(tagOf(item));
        w.escaped(utf8.encode(k));
        encodeValue(w, item);
      }
      w.byte(0);
      return;
    default:
      w.escaped(utf8.encode(String(v)));
  }
}

/** Encodes one value as a standalone key. */
export function encodeKey(v: unknown): Buffer {
  const w = new KeyWriter();
  encodeValue(w, v);
  return w.toBuffer();
}

/** A 4-byte big-endian prefix identifying a collection or an index. */
export function prefixOf(id: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(id, 0);
  return b;
}

/** The smallest key greater than every key starting with `prefix`. */
export function prefixEnd(prefix: Buffer): Buffer {
  const out = Buffer.from(prefix);
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== 0xff) {
      out[i]++;
      return out.subarray(0, i + 1);
    }
  }
  return Buffer.concat([prefix, Buffer.from([0xff, 0xff, 0xff, 0xff])]);
}

/** Lowest key of a type bracket (inclusive) and the first key past it (exclusive). */
export function typeBracket(tag: number): { start: Buffer; end: Buffer } {
  return { start: Buffer.from([tag]), end: Buffer.from([tag + 1]) };
}
