/** Messages between the benchmark and its broker child process. */

/** Parent → child. */
export type ParentMessage = { type: 'memory' } | { type: 'cpu' } | { type: 'stop' };

/** Child → parent. */
export type ChildMessage =
  | { type: 'ready'; address: string; port: number; startMs: number; uptimeMs: number }
  | { type: 'memory'; rss: number; heapUsed: number; external: number; arrayBuffers: number; exactGc: boolean }
  | { type: 'cpu'; userUs: number; systemUs: number }
  | { type: 'stopped'; stopMs: number }
  | { type: 'error'; message: string };

/** A memory sample of the broker process. */
export type MemorySample = Extract<ChildMessage, { type: 'memory' }>;
