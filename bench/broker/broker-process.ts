/**
 * Child process of the broker benchmark: runs the embedded broker alone on its own core, and answers
 * the parent over IPC (ready, memory after GC, stop). Run with `--expose-gc` for exact memory figures.
 * Data dir from BENCH_BROKER_DATA_DIR.
 */
import { startBroker } from '../../engine/broker/index.ts';
import type { ChildMessage, ParentMessage } from './broker-ipc.ts';
import { installStageTrace } from './stage-trace.ts';

const dataDir = process.env.BENCH_BROKER_DATA_DIR;
if (!dataDir) throw new Error('BENCH_BROKER_DATA_DIR is required');

function send(message: ChildMessage): void {
  process.send?.(message);
}

// BENCH_STAGE_TRACE=1 prints where the time of each command kind goes when the broker stops.
const stageSummary = process.env.BENCH_STAGE_TRACE ? installStageTrace() : undefined;
const gc = (globalThis as { gc?: () => void }).gc;
const t0 = performance.now();
// BENCH_WAIT_FOR_FLUSH=0 is a diagnostic only (answers before fsync): it shows what durability costs.
const waitForFlush = process.env.BENCH_WAIT_FOR_FLUSH !== '0';
const broker = await startBroker({ host: '127.0.0.1', port: 0, dataDir, waitForFlush });
const startMs = performance.now() - t0;
send({ type: 'ready', address: broker.address, port: broker.port, startMs, uptimeMs: process.uptime() * 1000 });

let stopping = false;
// never outlive the benchmark: if the parent goes away, stop
process.on('disconnect', () => {
  if (!stopping) void broker.stop().finally(() => process.exit(0));
});

process.on('message', (raw: ParentMessage) => {
  if (raw.type === 'memory') {
    if (gc) {
      gc();
      gc();
    }
    const m = process.memoryUsage();
    send({ type: 'memory', rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, exactGc: !!gc });
  } else if (raw.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    send({ type: 'cpu', userUs: user, systemUs: system });
  } else if (raw.type === 'stop') {
    stopping = true;
    const s0 = performance.now();
    broker
      .stop()
      .then(() => {
        if (stageSummary) process.stderr.write(`${stageSummary()}\n`);
        send({ type: 'stopped', stopMs: performance.now() - s0 });
        process.disconnect?.();
        // leave time for the message to go out, then exit (cpu profiles are written on exit)
        setTimeout(() => process.exit(0), 50);
      })
      .catch((error: unknown) => {
        send({ type: 'error', message: String(error) });
        process.exit(1);
      });
  }
});
