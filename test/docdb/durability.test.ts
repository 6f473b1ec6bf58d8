import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startDocDb } from '../../engine/docdb/index.ts';
import { startTestDocDb, tempDir } from './harness.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Starts `engine/docdb/cli.ts` as a child process (one node process, so SIGKILL hits the server itself). */
async function spawnCli(dataDir: string): Promise<{ child: ChildProcess; uri: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'engine/docdb/cli.ts', '--port', '0', '--data', dataDir], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const uri = await new Promise<string>((resolve, reject) => {
    let out = '';
    // a cold tsx start on a loaded two-core machine can take tens of seconds
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`docdb cli did not start: ${out}`));
    }, 45_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"uri":"([^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`docdb cli exited with ${code}: ${out}`)));
  });
  return { child, uri };
}

describe('docdb durability', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('should refuse a data directory another docdb is using, and take over a stale lock', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await startDocDb({ port: 0, dataDir });
    await expect(startDocDb({ port: 0, dataDir })).rejects.toThrow(/already open in this process/);
    await first.stop();
    writeFileSync(path.join(dataDir, 'docdb.lock'), String(process.ppid));
    await expect(startDocDb({ port: 0, dataDir })).rejects.toThrow(new RegExp(`in use by another docdb \\(pid ${process.ppid}\\)`));
    writeFileSync(path.join(dataDir, 'docdb.lock'), '999999999');
    const again = await startDocDb({ port: 0, dataDir });
    await again.stop();
  });

  it('should keep documents and indexes across a restart', async () => {
    const t = await startTestDocDb();
    try {
      const c = t.client.db('dur').collection('cases');
      await c.createIndex({ no: 1 }, { unique: true });
      await c.insertMany(Array.from({ length: 500 }, (_, i) => ({ no: i, title: `case ${i}` })));
      await c.updateOne({ no: 7 }, { $set: { title: 'changed' } });
      await c.deleteOne({ no: 8 });
      await t.restart();
      const again = t.client.db('dur').collection('cases');
      expect(await again.countDocuments()).toBe(499);
      expect((await again.findOne({ no: 7 }))?.title).toBe('changed');
      expect((await again.indexes()).map((i) => i.name)).toEqual(['_id_', 'no_1']);
      await expect(again.insertOne({ no: 1 })).rejects.toMatchObject({ code: 11000 });
      const plan = await again.find({ no: 100 }).explain('executionStats');
      expect(plan.executionStats.totalDocsExamined).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('should lose no acknowledged write when the server process is SIGKILLed during a write burst', async () => {
    // given a docdb child process and a client writing as fast as it can
    const dataDir = tempDir();
    dirs.push(dataDir);
    const { child, uri } = await spawnCli(dataDir);
    const client = new MongoClient(uri, { maxPoolSize: 20, serverSelectionTimeoutMS: 2000, retryWrites: false });
    await client.connect();
    const c = client.db('dur').collection('burst');
    const acked: number[] = [];
    let seq = 0;
    let stop = false;
    const writer = async (): Promise<void> => {
      while (!stop) {
        const n = seq++;
        try {
          await c.insertOne({ _id: n as never, payload: 'x'.repeat(200) });
          acked.push(n);
        } catch {
          return;
        }
      }
    };
    const writers = Array.from({ length: 16 }, () => writer());
    const deadline = Date.now() + 20_000;
    while (acked.length < 100 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    // when the server is killed without warning mid-burst (writers still running)
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    stop = true;
    await Promise.all(writers);
    await client.close(true).catch(() => undefined);
    expect(acked.length).toBeGreaterThanOrEqual(100);
    // then every acknowledged document is there after a restart
    const db = await startDocDb({ port: 0, dataDir });
    const check = new MongoClient(db.uri);
    try {
      const ids = new Set((await check.db('dur').collection('burst').find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id as unknown as number));
      const missing = acked.filter((n) => !ids.has(n));
      expect(missing).toEqual([]);
    } finally {
      await check.close();
      await db.stop();
    }
  }, 120_000);
});
