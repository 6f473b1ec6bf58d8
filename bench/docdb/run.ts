/**
 * docdb benchmark: the same workload through the mongodb driver over loopback against docdb and
 * in-process on a plain mingo array (the floor). Prints a table.
 *   npx tsx bench/docdb/run.ts [--docs 100000] [--standalone]
 * (default: docdb's default replica-set mode, which also writes the change log)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MongoClient, type Document } from 'mongodb';
import { Aggregator, Query, updateOne } from 'mingo';
import { startDocDb } from '../../engine/docdb/index.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '100000' }, standalone: { type: 'boolean', default: false } } });
const DOCS = Number(values.docs);
const SAMPLES = 2000;
const KINDS = ['rebuild', 'permit', 'subsidy', 'complaint', 'license'];

interface Row {
  metric: string;
  docdb: string;
  mingo: string;
}
const rows: Row[] = [];

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const fmtRate = (n: number): string => `${Math.round(n).toLocaleString('en-US')}/s`;
const fmtMs = (n: number): string => `${n.toFixed(3)} ms`;
const makeDoc = (i: number): Document => ({ n: i, kind: KINDS[i % KINDS.length], office: `o${i % 37}`, days: i % 30, title: `case ${i}` });

async function timeIt(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function runConcurrent(total: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) await op(next++);
  }));
  return performance.now() - t;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'docdb-bench-'));
  const server = await startDocDb({ port: 0, dataDir, replicaSet: values.standalone ? false : undefined });
  const client = new MongoClient(server.uri, { maxPoolSize: 64 });
  await client.connect();
  const coll = client.db('bench').collection('cases');
  const floor: Document[] = [];

  // insertOne, sequential and 32 in flight
  const seqMs = await timeIt(async () => {
    for (let i = 0; i < SAMPLES; i++) await client.db('bench').collection('one').insertOne(makeDoc(i));
  });
  const floorSeq = await timeIt(() => {
    const arr: Document[] = [];
    for (let i = 0; i < SAMPLES; i++) arr.push(makeDoc(i));
  });
  rows.push({ metric: 'insertOne (sequential)', docdb: fmtRate(SAMPLES / (seqMs / 1000)), mingo: fmtRate(SAMPLES / (floorSeq / 1000)) });
  const conMs = await runConcurrent(SAMPLES * 2, 32, (i) => client.db('bench').collection('two').insertOne(makeDoc(i)));
  rows.push({ metric: 'insertOne (32 in flight)', docdb: fmtRate((SAMPLES * 2) / (conMs / 1000)), mingo: '—' });

  // insertMany, batches of 1,000, loads the main collection
  const manyMs = await timeIt(async () => {
    for (let i = 0; i < DOCS; i += 1000) await coll.insertMany(Array.from({ length: Math.min(1000, DOCS - i) }, (_, j) => makeDoc(i + j)));
  });
  const floorMany = await timeIt(() => {
    for (let i = 0; i < DOCS; i++) floor.push({ _id: i, ...makeDoc(i) });
  });
  rows.push({ metric: `insertMany (1,000/batch, ${DOCS.toLocaleString('en-US')} docs)`, docdb: fmtRate(DOCS / (manyMs / 1000)), mingo: fmtRate(DOCS / (floorMany / 1000)) });

  const idxMs = await timeIt(() => coll.createIndex({ n: 1 }));
  rows.push({ metric: `createIndex {n:1} over ${DOCS.toLocaleString('en-US')} docs`, docdb: fmtMs(idxMs), mingo: '—' });

  // indexed find latency
  const lat: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const n = Math.floor(Math.random() * DOCS);
    const t = performance.now();
    const d = await coll.findOne({ n });
    lat.push(performance.now() - t);
    if (!d) throw new Error(`missing ${n}`);
  }
  lat.sort((a, b) => a - b);
  const floorLat: number[] = [];
  for (let i = 0; i < 200; i++) {
    const n = Math.floor(Math.random() * DOCS);
    const t = performance.now();
    new Query({ n }).find(floor).limit(1).all();
    floorLat.push(performance.now() - t);
  }
  floorLat.sort((a, b) => a - b);
  rows.push({ metric: 'find {n: x} p50 (docdb: index; mingo: scan)', docdb: fmtMs(pct(lat, 50)), mingo: fmtMs(pct(floorLat, 50)) });
  rows.push({ metric: 'find {n: x} p99', docdb: fmtMs(pct(lat, 99)), mingo: fmtMs(pct(floorLat, 99)) });

  // findOneAndUpdate
  const famMs = await timeIt(async () => {
    for (let i = 0; i < SAMPLES; i++) await coll.findOneAndUpdate({ n: Math.floor(Math.random() * DOCS) }, { $inc: { days: 1 } }, { returnDocument: 'after' });
  });
  const famCon = await runConcurrent(SAMPLES, 32, () => coll.findOneAndUpdate({ n: Math.floor(Math.random() * DOCS) }, { $inc: { days: 1 } }));
  const floorFam = await timeIt(() => {
    for (let i = 0; i < 200; i++) updateOne(floor, { n: Math.floor(Math.random() * DOCS) }, { $inc: { days: 1 } });
  });
  rows.push({ metric: 'findOneAndUpdate (sequential)', docdb: fmtRate(SAMPLES / (famMs / 1000)), mingo: fmtRate(200 / (floorFam / 1000)) });
  rows.push({ metric: 'findOneAndUpdate (32 in flight)', docdb: fmtRate(SAMPLES / (famCon / 1000)), mingo: '—' });

  // aggregation over the whole collection
  const pipeline = [{ $match: { days: { $gte: 5 } } }, { $group: { _id: '$kind', n: { $sum: 1 }, avgDays: { $avg: '$days' } } }, { $sort: { _id: 1 } }];
  let aggOut: Document[] = [];
  const aggMs = await timeIt(async () => {
    aggOut = await coll.aggregate(pipeline).toArray();
  });
  const floorAgg = await timeIt(() => new Aggregator(pipeline).run(floor));
  if (aggOut.length !== KINDS.length) throw new Error('aggregation returned the wrong number of groups');
  rows.push({ metric: `aggregate $match/$group/$sort over ${DOCS.toLocaleString('en-US')}`, docdb: fmtMs(aggMs), mingo: fmtMs(floorAgg) });

  await client.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });

  const w = [Math.max(...rows.map((r) => r.metric.length), 6), Math.max(...rows.map((r) => r.docdb.length), 20), Math.max(...rows.map((r) => r.mingo.length), 22)];
  const line = (a: string, b: string, c: string): string => `| ${a.padEnd(w[0])} | ${b.padStart(w[1])} | ${c.padStart(w[2])} |`;
  console.log(line('metric', 'docdb (driver, tcp)', 'mingo in-process floor'));
  console.log(`|${'-'.repeat(w[0] + 2)}|${'-'.repeat(w[1] + 2)}|${'-'.repeat(w[2] + 2)}|`);
  for (const r of rows) console.log(line(r.metric, r.docdb, r.mingo));
  console.log(`\nmode: ${values.standalone ? 'standalone' : 'single-node replica set (change log on)'}; ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
