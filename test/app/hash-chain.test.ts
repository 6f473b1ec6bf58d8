import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../engine/app/services/audit/canonical-json.ts';
import { GENESIS_HASH, entryHash, verifyChain, type ChainEntry } from '../../engine/app/services/audit/hash-chain.ts';

function chain(n: number): ChainEntry[] {
  const out: ChainEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields = { caseId: 'c1', seq: i, kind: 'action' as const, at: new Date(Date.UTC(2026, 0, i)), actor: 'u', action: 'approve', payload: canonicalJson({ comment: `step ${i}` }), prevHash: prev };
    const hash = entryHash(fields);
    out.push({ ...fields, id: `e${i}`, hash });
    prev = hash;
  }
  return out;
}

describe('history hash chain', () => {
  it('should encode objects canonically regardless of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('should accept an untouched chain', () => {
    const v = verifyChain(chain(5));
    expect(v.valid).toBe(true);
  });

  it('should name exactly the entry whose payload was altered', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, payload: canonicalJson({ comment: 'forged' }) };
    const v = verifyChain(entries);
    expect(v.valid).toBe(false);
    if (!v.valid) expect(v.firstBroken).toEqual({ id: 'e3', seq: 3, reason: 'hash-mismatch' });
  });

  it('should detect a removed entry as a sequence gap', () => {
    const entries = chain(4);
    entries.splice(1, 1);
    const v = verifyChain(entries);
    expect(v.valid).toBe(false);
    if (!v.valid) expect(v.firstBroken.seq).toBe(3);
  });

  it('should detect an entry rehashed without relinking its successor', () => {
    const entries = chain(4);
    const forged = { ...entries[1]!, payload: canonicalJson({ comment: 'forged' }) };
    entries[1] = { ...forged, hash: entryHash(forged) };
    const v = verifyChain(entries);
    expect(v.valid).toBe(false);
    if (!v.valid) expect(v.firstBroken).toMatchObject({ seq: 3, reason: 'prev-hash-mismatch' });
  });
});
