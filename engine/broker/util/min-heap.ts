/** A binary min-heap of (due time, key) pairs; stale entries are skipped by the caller. */
export class MinHeap {
  private readonly dues: number[] = [];
  private readonly keys: number[] = [];

  get size(): number {
    return this.dues.length;
  }

  push(due: number, key: number): void {
    this.dues.push(due);
    this.keys.push(key);
    let i = this.dues.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.dues[parent]! <= due) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Due time of the smallest entry, Infinity when empty. */
  peekDue(): number {
    return this.dues.length ? this.dues[0]! : Infinity;
  }

  /** Removes and returns the key of the smallest entry. */
  pop(): number | undefined {
    const n = this.dues.length;
    if (n === 0) return undefined;
    const top = this.keys[0];
    const lastDue = this.dues.pop()!;
    const lastKey = this.keys.pop()!;
    if (n > 1) {
      this.dues[0] = lastDue;
      this.keys[0] = lastKey;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < n - 1 && this.dues[l]! < this.dues[m]!) m = l;
        if (r < n - 1 && this.dues[r]! < this.dues[m]!) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }

  private swap(a: number, b: number): void {
    [this.dues[a], this.dues[b]] = [this.dues[b]!, this.dues[a]!];
    [this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!];
  }
}
