/**
 * Broker benchmark (`npm run bench -- broker`; `BENCH_SCALE=quick` for a smoke run). Drives the
 * embedded broker, started fresh in a child process on a temp data dir, through zeebe-node over
 * gRPC with durable commits, and runs the same models in-process with `bpmn-engine` as a reference.
 * Prints a Markdown table. Sizes: see bench-options.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ZBClient } from 'zeebe-node';
import { readBenchOptions, type BenchOptions } from './bench-options.ts';
import { startBrokerChild } from './broker-child.ts';
import { printProfileSummary } from './cpu-profile-summary.ts';
import { parseForReference, referenceThroughput } from './reference-bpmn-engine.ts';
import { fmt, now, renderTable, type Row } from './stats.ts';
import { activationLatency, closedLoopThroughput, createMany, roundTripFloor, steadyRateLatency } from './zeebe-phases.ts';
import { benchClient, deployModels, MODELS, readModel, startWorkers } from './zeebe-setup.ts';

const MB = 1024 * 1024;
const BROKER = 'broker (zeebe-node/gRPC)';
const REFERENCE = 'bpmn-engine in-process';

/** The machine's 1-minute load average (2 cores: above 2 means others compete for the CPU). */
function loadNote(): string {
  return `load ${os.loadavg()[0].toFixed(1)}`;
}

function log(line: string): void {
  process.stdout.write(`  … ${line}\n`);
}

function failed(measure: string, engine: string, error: unknown): Row {
  const message = error instanceof Error ? error.message : String(error);
  log(`${measure}: FAILED ${message}`);
  return { measure, engine, value: 'failed', note: message.slice(0, 120) };
}

/** Throughput, steady-rate latency and activation latency on one fresh broker. */
async function runLoadPhases(opts: BenchOptions, dataDir: string, rows: Row[]): Promise<void> {
  const child = await startBrokerChild(dataDir, opts.cpuProfDir);
  log(`broker child ${child.pid} on ${child.address} (startBroker ${fmt(child.startMs)} ms)`);
  const zbc = benchClient(child.address);
  const workers = startWorkers(zbc);
  try {
    await deployModels(zbc, ['bench-one-task', 'bench-approval', 'bench-activation']);
    if (opts.phases.has('throughput')) {
      for (const [id, label, target] of [
        ['bench-one-task', '1-task', 2000],
        ['bench-approval', '3-step approval', 1000],
      ] as const) {
        for (const c of opts.concurrency) {
          const measure = `completed inst/s, ${label}, ${c} creator${c > 1 ? 's' : ''}`;
          try {
            const brokerCpu0 = await child.cpuMs();
            const driverCpu0 = process.cpuUsage();
            const r = await closedLoopThroughput(zbc, id, c, opts.warmupS, opts.durationS);
            const brokerCpu = (await child.cpuMs()) - brokerCpu0;
            const driverCpuUs = process.cpuUsage(driverCpu0);
            const driverCpu = (driverCpuUs.user + driverCpuUs.system) / 1000;
            const perInstance = (ms: number) => fmt(ms / Math.max(1, r.completedTotal), 2);
            log(
              `${measure}: ${fmt(r.rate)} (p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms, errors ${r.errors}; ` +
                `CPU ms/instance broker ${perInstance(brokerCpu)}, clients ${perInstance(driverCpu)}; ${loadNote()})`,
            );
            rows.push({
              measure,
              engine: BROKER,
              value: fmt(r.rate),
              target: `≥ ${fmt(target)}`,
              note:
                `p50 ${fmt(r.p50, 1)} / p99 ${fmt(r.p99, 1)} ms per instance; CPU ms per instance: broker ${perInstance(brokerCpu)}, ` +
                `zeebe-node creators+workers ${perInstance(driverCpu)}${r.errors ? `; ${r.errors} errors: ${r.firstError}` : ''}`,
            });
          } catch (error) {
            rows.push(failed(measure, BROKER, error));
          }
        }
      }
    }
    if (opts.phases.has('steady')) {
      const measure = `CreateProcessInstanceWithResult p50 / p99 at ${opts.steadyRate}/s (1-task)`;
      try {
        const cpu0 = await child.cpuMs();
        const r = await steadyRateLatency(zbc, 'bench-one-task', opts.steadyRate, opts.steadyS);
        const cpuPerInstance = ((await child.cpuMs()) - cpu0) / Math.max(1, r.ok);
        log(
          `${measure}: ${fmt(r.p50, 1)} / ${fmt(r.p99, 1)} ms (max ${fmt(r.max, 1)}, ${r.ok}/${r.sent} ok; ` +
            `broker CPU ${fmt(cpuPerInstance, 2)} ms per instance; ${loadNote()})`,
        );
        rows.push({
          measure,
          engine: BROKER,
          value: `${fmt(r.p50, 1)} / ${fmt(r.p99, 1)} ms`,
          target: 'p99 < 20 ms',
          note: `${r.ok}/${r.sent} ok over ${opts.steadyS} s, max ${fmt(r.max, 1)} ms; broker CPU ${fmt(cpuPerInstance, 2)} ms per instance${r.errors ? `; ${r.errors} errors: ${r.firstError}` : ''}`,
        });
      } catch (error) {
        rows.push(failed(measure, BROKER, error));
      }
    }
    if (opts.phases.has('activation')) {
      const measure = 'job activation latency p50 / p99, waiting worker (long poll)';
      try {
        const r = await activationLatency(zbc, opts.activationSamples);
        const floor = await roundTripFloor(zbc, opts.activationSamples);
        log(
          `${measure}: ${fmt(r.fromCreateP50, 1)} / ${fmt(r.fromCreateP99, 1)} ms (${r.samples} samples, ${r.timeouts} timeouts; ` +
            `zeebe-node Topology round trip ${fmt(floor.p50, 1)} / ${fmt(floor.p99, 1)} ms; ${loadNote()})`,
        );
        rows.push({
          measure,
          engine: BROKER,
          value: `${fmt(r.fromCreateP50, 1)} / ${fmt(r.fromCreateP99, 1)} ms`,
          target: 'p99 < 10 ms',
          note: `create sent → job received, ${r.samples} samples; after create ack: ${fmt(r.fromAckP50, 1)} / ${fmt(r.fromAckP99, 1)} ms; floor (Topology round trip, no log write) ${fmt(floor.p50, 1)} / ${fmt(floor.p99, 1)} ms${r.timeouts ? `; ${r.timeouts} polls got no job` : ''}${r.errors ? `; ${r.errors} samples lost to errors: ${r.firstError}` : ''}`,
        });
      } catch (error) {
        rows.push(failed(measure, BROKER, error));
      }
    }
  } finally {
    await Promise.allSettled(workers.map((w) => w.close(2_000)));
    await zbc.close(2_000).catch(() => undefined);
    await child.stop().catch(() => child.kill());
  }
}

/** Verifies a restarted broker still hands out jobs of the waiting instances; returns how many it got (of 10). */
async function jobsAfterRestart(zbc: ZBClient): Promise<number> {
  const poll = zbc.activateJobs({ type: 'bench-idle', worker: 'bench-restart', maxJobsToActivate: 10, timeout: 600_000, requestTimeout: 5_000 });
  const timeout = new Promise<[]>((resolve) => setTimeout(() => resolve([]), 7_000));
  return (await Promise.race([poll, timeout])).length;
}

/** Memory per active instances, then restart time with many active instances, on one fresh broker. */
async function runMemoryAndRestart(opts: BenchOptions, dataDir: string, rows: Row[]): Promise<void> {
  let child = await startBrokerChild(dataDir, opts.cpuProfDir);
  log(`broker child ${child.pid} on ${child.address}`);
  let zbc = benchClient(child.address);
  try {
    await deployModels(zbc, ['bench-idle']);
    const deadline = now() + opts.rampMaxS * 1000;
    const before = await child.memory();
    const cpu0 = await child.cpuMs();
    const first = await createMany(zbc, 'bench-idle', opts.memoryInstances, deadline);
    const createCpuMs = ((await child.cpuMs()) - cpu0) / Math.max(1, first.created);
    const after = await child.memory();
    log(`broker CPU per CreateProcessInstance (instance waits at a job): ${fmt(createCpuMs, 2)} ms`);
    rows.push({
      measure: 'broker CPU per CreateProcessInstance (64 in flight)',
      engine: BROKER,
      value: `${fmt(createCpuMs, 2)} ms`,
      note: `≈ ${fmt(1000 / createCpuMs)} creates/s per fully available core; created at ${fmt(first.rate)}/s here (${loadNote()})`,
    });
    const per10k = (bytes: number) => (bytes / Math.max(1, first.created)) * 10_000;
    if (opts.phases.has('memory')) {
      const measure = 'memory per 10,000 active instances (RSS / heap)';
      const value = `${fmt(per10k(after.rss - before.rss) / MB, 1)} / ${fmt(per10k(after.heapUsed - before.heapUsed) / MB, 1)} MB`;
      log(`${measure}: ${value} (measured over ${first.created} instances, created at ${fmt(first.rate)}/s)`);
      rows.push({
        measure,
        engine: BROKER,
        value,
        note: `delta over ${fmt(first.created)} waiting instances after GC${after.exactGc ? '' : ' (no --expose-gc)'}; created at ${fmt(first.rate)}/s${first.errors ? `; ${first.errors} errors: ${first.firstError}` : ''}`,
      });
    }
    if (!opts.phases.has('restart')) return;
    const rest = await createMany(zbc, 'bench-idle', opts.restartInstances - first.created, deadline);
    const active = first.created + rest.created;
    const full = await child.memory();
    log(
      `${fmt(active)} active instances (RSS ${fmt(full.rss / MB)} MB, heap ${fmt(full.heapUsed / MB)} MB; ` +
        `created at ${fmt(rest.rate)}/s${rest.errors ? `, ${rest.errors} errors: ${rest.firstError}` : ''}); stopping`,
    );
    await zbc.close(2_000).catch(() => undefined);
    const stopMs = await child.stop();

    child = await startBrokerChild(dataDir, opts.cpuProfDir, opts.phaseMaxS * 1000);
    zbc = benchClient(child.address);
    const gotAfterStop = await jobsAfterRestart(zbc);
    log(`restart after stop: startBroker ${fmt(child.startMs)} ms, process ${fmt(child.spawnToReadyMs)} ms; ${gotAfterStop}/10 jobs`);
    rows.push({
      measure: `restart time, ${fmt(active)} active instances (graceful stop)`,
      engine: BROKER,
      value: `${fmt(child.startMs / 1000, 2)} s`,
      target: '< 10 s',
      note: `startBroker(); whole process incl. Node+tsx ${fmt(child.spawnToReadyMs / 1000, 2)} s; stop took ${fmt(stopMs)} ms; ${gotAfterStop}/10 jobs handed out after`,
    });

    await zbc.close(2_000).catch(() => undefined);
    await child.kill();
    child = await startBrokerChild(dataDir, opts.cpuProfDir, opts.phaseMaxS * 1000);
    zbc = benchClient(child.address);
    const gotAfterKill = await jobsAfterRestart(zbc);
    log(`restart after SIGKILL: startBroker ${fmt(child.startMs)} ms; ${gotAfterKill}/10 jobs`);
    rows.push({
      measure: `restart time, ${fmt(active)} active instances (after SIGKILL)`,
      engine: BROKER,
      value: `${fmt(child.startMs / 1000, 2)} s`,
      target: '< 10 s',
      note: `whole process ${fmt(child.spawnToReadyMs / 1000, 2)} s; ${gotAfterKill}/10 jobs handed out after`,
    });
  } finally {
    await zbc.close(2_000).catch(() => undefined);
    await child.stop().catch(() => child.kill());
  }
}

/** The one-task and approval models through bpmn-engine at the same concurrencies. */
async function runReference(opts: BenchOptions, rows: Row[]): Promise<void> {
  for (const [id, label] of [
    ['bench-one-task', '1-task'],
    ['bench-approval', '3-step approval'],
  ] as const) {
    const context = await parseForReference(await readModel(MODELS[id]));
    for (const c of opts.concurrency) {
      const measure = `completed inst/s, ${label}, ${c} creator${c > 1 ? 's' : ''}`;
      try {
        const r = await referenceThroughput(context, id, c, opts.warmupS, opts.durationS);
        log(`${measure} (${REFERENCE}): ${fmt(r.rate)} (${loadNote()})`);
        rows.push({
          measure,
          engine: REFERENCE,
          value: fmt(r.rate),
          note: `no durability, no network; p50 ${fmt(r.p50, 1)} / p99 ${fmt(r.p99, 1)} ms${r.errors ? `; ${r.errors} errors: ${r.firstError}` : ''}`,
        });
      } catch (error) {
        rows.push(failed(measure, REFERENCE, error));
      }
    }
  }
}

async function main(): Promise<void> {
  const opts = readBenchOptions();
  process.stdout.write(
    `scale ${opts.scale}: ${opts.durationS} s per throughput run (+${opts.warmupS} s warm-up), creators ${opts.concurrency.join('/')}, ` +
      `steady ${opts.steadyRate}/s × ${opts.steadyS} s, ${opts.activationSamples} activation samples, ` +
      `memory over ${fmt(opts.memoryInstances)}, restart with ${fmt(opts.restartInstances)} instances; phases: ${[...opts.phases].join(', ')}; ` +
      `${loadNote()}${process.env.BENCH_WAIT_FOR_FLUSH === '0' ? '; DIAGNOSTIC RUN: broker answers before fsync (not durable)' : ''}\n`,
  );
  const tmpRoot = await mkdtemp(path.join(os.tmpdir(), 'streetflow-bench-broker-'));
  const rows: Row[] = [];
  try {
    if (['throughput', 'steady', 'activation'].some((p) => opts.phases.has(p as never))) {
      try {
        await runLoadPhases(opts, path.join(tmpRoot, 'load'), rows);
      } catch (error) {
        rows.push(failed('load phases', BROKER, error));
      }
    }
    if (opts.phases.has('memory') || opts.phases.has('restart')) {
      try {
        await runMemoryAndRestart(opts, path.join(tmpRoot, 'restart'), rows);
      } catch (error) {
        rows.push(failed('memory / restart', BROKER, error));
      }
    }
    if (opts.phases.has('reference')) await runReference(opts, rows);
  } finally {
    await rm(tmpRoot, { recursive: true, force: true });
  }
  process.stdout.write(`\n${renderTable(rows)}\n\n${loadNote()} at the end (1-minute average; this machine has ${os.cpus().length} cores)\n`);
  if (opts.cpuProfDir) {
    process.stdout.write(`\nbroker CPU profile (all broker processes of this run; files in ${opts.cpuProfDir}):\n`);
    await printProfileSummary(opts.cpuProfDir, 30);
  }
  // zeebe-node leaves timers behind after close; the table is out, so leave.
  process.exit(rows.some((r) => r.value === 'failed') ? 1 : 0);
}

await main();
