/** Measurements through zeebe-node over gRPC against the broker child process. */
import type { ZBClient } from 'zeebe-node';
import { now, quantile, sleep } from './stats.ts';
import type { BenchProcessId } from './zeebe-setup.ts';

/** Outcome of a closed-loop throughput run. */
export interface ThroughputResult {
  /** Completed instances per second inside the measured window. */
  readonly rate: number;
  readonly completed: number;
  /** Completed over the whole run, warm-up included. */
  readonly completedTotal: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly firstError?: string;
}

/**
 * `concurrency` creators each loop CreateProcessInstanceWithResult (so every count is a completed
 * instance) for warm-up + duration seconds; only completions inside the measured window count.
 */
export async function closedLoopThroughput(
  zbc: ZBClient,
  bpmnProcessId: BenchProcessId,
  concurrency: number,
  warmupS: number,
  durationS: number,
): Promise<ThroughputResult> {
  const start = now();
  const windowStart = start + warmupS * 1000;
  const windowEnd = windowStart + durationS * 1000;
  const latencies: number[] = [];
  let completedTotal = 0;
  let errors = 0;
  let firstError: string | undefined;
  const creator = async (): Promise<void> => {
    while (now() < windowEnd) {
      const t = now();
      try {
        await zbc.createProcessInstanceWithResult({ bpmnProcessId, variables: { decision: true }, requestTimeout: 30_000 });
        const done = now();
        completedTotal++;
        if (done >= windowStart && done <= windowEnd) latencies.push(done - t);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
        await sleep(10);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, creator));
  return {
    rate: latencies.length / durationS,
    completed: latencies.length,
    completedTotal,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors,
    firstError,
  };
}

/** Outcome of the open-loop run at a fixed rate. */
export interface SteadyResult {
  readonly sent: number;
  readonly ok: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly errors: number;
  readonly firstError?: string;
}

/**
 * Sends CreateProcessInstanceWithResult at `rate` per second for `seconds`, each on its schedule
 * regardless of outstanding ones; latency counts from the scheduled send time (no coordinated omission).
 */
export async function steadyRateLatency(zbc: ZBClient, bpmnProcessId: BenchProcessId, rate: number, seconds: number): Promise<SteadyResult> {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const start = now() + 20;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - now();
    if (wait > 1) await sleep(wait);
    inflight.push(
      zbc.createProcessInstanceWithResult({ bpmnProcessId, variables: { seq: i }, requestTimeout: 30_000 }).then(
        () => {
          latencies.push(now() - scheduled);
        },
        (error: unknown) => {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        },
      ),
    );
  }
  await Promise.all(inflight);
  return {
    sent: total,
    ok: latencies.length,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: quantile(latencies, 1),
    errors,
    firstError,
  };
}

/** Job activation latency as a waiting (long-polling) worker sees it. */
export interface ActivationResult {
  readonly samples: number;
  /** From sending CreateProcessInstance to the job arriving at the waiting ActivateJobs. */
  readonly fromCreateP50: number;
  readonly fromCreateP99: number;
  /** From the CreateProcessInstance answer to the job arriving (negative when the job came first). */
  readonly fromAckP50: number;
  readonly fromAckP99: number;
  readonly timeouts: number;
  /** Samples lost to an RPC error (a job possibly left activated; the next sample creates a new one). */
  readonly errors: number;
  readonly firstError?: string;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * For each sample: open an ActivateJobs long poll (requestTimeout 10 s) on an empty job type, let it
 * settle 20 ms at the broker, then create an instance whose first element is a job of that type.
 */
export async function activationLatency(zbc: ZBClient, samples: number): Promise<ActivationResult> {
  const fromCreate: number[] = [];
  const fromAck: number[] = [];
  let timeouts = 0;
  let errors = 0;
  let firstError: string | undefined;
  for (let i = 0; i < samples && timeouts < 5 && errors < samples; i++) {
    try {
      const poll = zbc.activateJobs({
        type: 'bench-activation',
        worker: 'bench-latency',
        maxJobsToActivate: 1,
        timeout: 60_000,
        requestTimeout: 10_000,
      });
      await sleep(20);
      const t0 = now();
      let acked = Number.NaN;
      const create = zbc.createProcessInstance({ bpmnProcessId: 'bench-activation', variables: { i } }).then(() => {
        acked = now();
      });
      const jobs = await withTimeout(poll, 12_000);
      const arrived = now();
      await create;
      if (jobs === 'timeout' || jobs.length === 0) {
        timeouts++;
        continue;
      }
      fromCreate.push(arrived - t0);
      fromAck.push(arrived - acked);
      await zbc.completeJob({ jobKey: jobs[0].key, variables: {} });
    } catch (error) {
      errors++;
      firstError ??= error instanceof Error ? error.message : String(error);
      await sleep(50);
    }
  }
  return {
    samples: fromCreate.length,
    fromCreateP50: quantile(fromCreate, 0.5),
    fromCreateP99: quantile(fromCreate, 0.99),
    fromAckP50: quantile(fromAck, 0.5),
    fromAckP99: quantile(fromAck, 0.99),
    timeouts,
    errors,
    firstError,
  };
}

/**
 * Creates `count` instances of `bpmnProcessId` with `inFlight` requests outstanding; a failed create is
 * counted and replaced; stops at `deadline` (performance.now()).
 */
export async function createMany(
  zbc: ZBClient,
  bpmnProcessId: BenchProcessId,
  count: number,
  deadline: number,
  inFlight = 64,
): Promise<{ created: number; errors: number; firstError?: string; rate: number }> {
  let next = 0;
  let created = 0;
  let inFlightNow = 0;
  let errors = 0;
  let firstError: string | undefined;
  const t0 = now();
  const lane = async (): Promise<void> => {
    while (created + inFlightNow < count && now() < deadline) {
      next++;
      inFlightNow++;
      try {
        await zbc.createProcessInstance({ bpmnProcessId, variables: { n: next, applicant: 'bench', note: 'waiting for a worker' } });
        created++;
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
        await sleep(10);
      } finally {
        inFlightNow--;
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return { created, errors, firstError, rate: created / ((now() - t0) / 1000) };
}

/**
 * The floor under every latency figure: `samples` sequential Topology calls through zeebe-node (the
 * broker answers them without touching the log), p50 / p99 in ms.
 */
export async function roundTripFloor(zbc: ZBClient, samples: number): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = now();
    await zbc.topology();
    times.push(now() - t);
  }
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}
