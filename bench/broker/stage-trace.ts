/**
 * Diagnostic stage timings of the broker child (`BENCH_STAGE_TRACE=1`): wraps the stream processor
 * and the record log at run time and, when the broker stops, prints per command kind how long each
 * stage took — submit → processed (CPU of the batch), processed → durable (waiting for and doing the
 * group commit), durable → answered (side effects, responses) — plus the event-loop delay. Nothing of
 * this runs unless the variable is set.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { RecordLog } from '../../engine/broker/log/record-log.ts';
import { StreamProcessor } from '../../engine/broker/processing/stream-processor.ts';
import { fmt, quantile } from './stats.ts';

interface Samples {
  process: number[];
  durable: number[];
  answer: number[];
  total: number[];
}

const byKind = new Map<string, Samples>();
/** Per process instance (with-result path): when each stage happened. */
interface Timeline {
  createSubmit: number;
  createDurable?: number;
  activateSubmit?: number;
  activateDurable?: number;
  completeSubmit?: number;
  completeDurable?: number;
}
const timelines = new Map<number, Timeline>();
const jobInstance = new Map<number, number>();
const appendSizes: number[] = [];
let lastProcessed = 0;

function samplesOf(kind: string): Samples {
  let s = byKind.get(kind);
  if (!s) byKind.set(kind, (s = { process: [], durable: [], answer: [], total: [] }));
  return s;
}

/** Installs the wrappers; returns a function printing the summary. */
export function installStageTrace(): () => string {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const gcPauses: number[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const submit = StreamProcessor.prototype.submit;
  StreamProcessor.prototype.submit = function traced(this: StreamProcessor, input, internal) {
    const t0 = performance.now();
    const result = submit.call(this, input, internal);
    const t1 = (lastProcessed = performance.now());
    const kind = `${input.valueType} ${String(input.intent)}`;
    const s = samplesOf(kind);
    s.process.push(t1 - t0);
    const done = (): void => {
      s.total.push(performance.now() - t0);
    };
    result.then(done, done);
    if (input.intent === 'CREATE_WITH_AWAITING_RESULT') {
      void result.then((o) => {
        const key = (o.response as { processInstanceKey?: number } | undefined)?.processInstanceKey;
        if (key !== undefined) timelines.set(key, { createSubmit: t0, createDurable: performance.now() });
      });
    } else if (input.valueType === 'JOB_BATCH') {
      void result.then((o) => {
        const t = performance.now();
        for (const job of (o.response as { key: number; value: { processInstanceKey: number } }[] | undefined) ?? []) {
          const tl = timelines.get(job.value.processInstanceKey);
          if (!tl) continue;
          jobInstance.set(job.key, job.value.processInstanceKey);
          tl.activateSubmit = t0;
          tl.activateDurable = t;
        }
      });
    } else if (input.valueType === 'JOB' && input.intent === 'COMPLETE' && input.key !== undefined) {
      const tl = timelines.get(jobInstance.get(input.key) ?? -1);
      if (tl) {
        tl.completeSubmit = t0;
        void result.then(() => (tl.completeDurable = performance.now()));
      }
    }
    return result;
  } as typeof submit;
  const append = RecordLog.prototype.append;
  RecordLog.prototype.append = function traced(this: RecordLog, batch) {
    const t0 = performance.now();
    appendSizes.push(batch.records.length);
    const kind = `${batch.records[0]?.valueType} ${batch.records[0]?.intent}`;
    const p = append.call(this, batch);
    p.then(
      () => {
        const t1 = performance.now();
        const s = samplesOf(kind);
        s.durable.push(t1 - t0);
        // answered: once the microtasks that follow durability ran
        setImmediate(() => s.answer.push(performance.now() - t1));
      },
      () => undefined,
    );
    return p;
  } as typeof append;
  return () => {
    loop.disable();
    gcObserver.disconnect();
    const gcTotal = gcPauses.reduce((a, b) => a + b, 0);
    const lines = ['stage timings (ms, p50 / p99 / max):', `event-loop delay p50 ${fmt(loop.percentile(50) / 1e6, 2)} p99 ${fmt(loop.percentile(99) / 1e6, 2)} max ${fmt(loop.max / 1e6, 1)}`,
      `GC pauses ×${gcPauses.length}, total ${fmt(gcTotal)} ms, p99 ${fmt(quantile(gcPauses, 0.99), 2)} max ${fmt(quantile(gcPauses, 1), 1)} ms`,
    ];
    const q = (xs: number[]) => `${fmt(quantile(xs, 0.5), 2)} / ${fmt(quantile(xs, 0.99), 2)} / ${fmt(quantile(xs, 1), 1)}`;
    for (const [kind, s] of [...byKind].sort((a, b) => b[1].process.length - a[1].process.length)) {
      if (s.process.length < 10) continue;
      lines.push(
        `${kind} ×${s.process.length}: process ${q(s.process)} | append→durable ${q(s.durable)} | durable→next turn ${q(s.answer)} | submit→resolved ${q(s.total)}`,
      );
    }
    const full = [...timelines.values()].filter((t) => t.completeDurable !== undefined);
    full.sort((a, b) => a.completeDurable! - a.createSubmit - (b.completeDurable! - b.createSubmit));
    const stages = (t: Timeline) => [
      t.createDurable! - t.createSubmit,
      t.activateSubmit! - t.createDurable!,
      t.activateDurable! - t.activateSubmit!,
      t.completeSubmit! - t.activateDurable!,
      t.completeDurable! - t.completeSubmit!,
      t.completeDurable! - t.createSubmit,
    ];
    const avg = (ts: Timeline[]) => {
      const sums = [0, 0, 0, 0, 0, 0];
      for (const t of ts) stages(t).forEach((v, i) => (sums[i] += v / ts.length));
      return sums.map((v) => fmt(v, 2)).join(' | ');
    };
    if (full.length > 0) {
      lines.push(
        `with-result instances ×${full.length}, mean ms: create→durable | →activation submitted | activation→durable | →complete submitted | complete→durable | total`,
      );
      const mid = full.slice(Math.floor(full.length * 0.25), Math.ceil(full.length * 0.75));
      const totals = full.map((t) => t.completeDurable! - t.createSubmit);
      lines.push(`  broker-side create received → complete durable: p50 ${fmt(quantile(totals, 0.5), 2)} p99 ${fmt(quantile(totals, 0.99), 2)} ms`);
      lines.push(`  middle half: ${avg(mid)}`);
      lines.push(`  slowest 2%:  ${avg(full.slice(Math.floor(full.length * 0.98)))}`);
    }
    const usage = process.resourceUsage();
    lines.push(
      `process CPU user ${fmt(usage.userCPUTime / 1000)} ms, system ${fmt(usage.systemCPUTime / 1000)} ms; ` +
        `context switches voluntary ${fmt(usage.voluntaryContextSwitches)}, involuntary ${fmt(usage.involuntaryContextSwitches)}; fs writes ${fmt(usage.fsWrite)}`,
    );
    lines.push(`records per batch p50 ${fmt(quantile(appendSizes, 0.5))} p99 ${fmt(quantile(appendSizes, 0.99))}; last processed ${fmt(lastProcessed)}`);
    return lines.join('\n');
  };
}
