/**
 * Zeebe key encoding: the partition id sits in the bits above 51, the counter below.
 * With partition 1 every key stays below 2^53, so keys are exact JS numbers.
 */
export const PARTITION_ID = 1;
const PARTITION_BITS_SHIFT = 2 ** 51;

/** Encodes a key from partition id and counter. */
export function encodeKey(partitionId: number, counter: number): number {
  return partitionId * PARTITION_BITS_SHIFT + counter;
}

/** Partition id of a key. */
export function partitionOf(key: number): number {
  return Math.floor(key / PARTITION_BITS_SHIFT);
}

/** Hands out keys of partition 1; its position survives restarts through the log. */
export class KeyGenerator {
  constructor(public nextKey: number = encodeKey(PARTITION_ID, 1)) {}

  next(): number {
    return this.nextKey++;
  }
}
