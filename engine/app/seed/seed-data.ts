import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { OFFICE_KINDS } from '../models/org.ts';
import { ROLES } from '../models/user.ts';

const orgFile = z.object({
  street: z.string(),
  offices: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(OFFICE_KINDS), posts: z.array(z.object({ code: z.string(), name: z.string() })) })),
  villages: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(['村', '社区']) })),
});
const usersFile = z.object({
  demoPassword: z.string().min(8),
  users: z.array(z.object({ username: z.string(), displayName: z.string(), roles: z.array(z.enum(ROLES)), offices: z.array(z.string()), posts: z.array(z.string()), village: z.string().optional() })),
});
const homesteadsFile = z.array(z.object({ parcelNumber: z.string(), ownerName: z.string(), ownerIdNumber: z.string(), village: z.string(), areaSqm: z.number(), status: z.enum(['valid', 'disputed', 'revoked']) }));
const calendarFile = z.object({ holidays: z.array(z.string()), workdays: z.array(z.string()) });

/** The seed files of processes/seed, validated. */
export interface SeedData {
  org: z.infer<typeof orgFile>;
  users: z.infer<typeof usersFile>;
  homesteads: z.infer<typeof homesteadsFile>;
  calendar: z.infer<typeof calendarFile>;
}

async function load<S extends z.ZodType>(dir: string, name: string, schema: S): Promise<z.infer<S>> {
  const file = path.join(dir, name);
  const r = schema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!r.success) throw new Error(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** Reads and validates org.json, users.json, homesteads.json and calendar.json. */
export async function loadSeedData(dir: string): Promise<SeedData> {
  const [org, users, homesteads, calendar] = await Promise.all([load(dir, 'org.json', orgFile), load(dir, 'users.json', usersFile), load(dir, 'homesteads.json', homesteadsFile), load(dir, 'calendar.json', calendarFile)]);
  const codes = new Set(org.offices.map((o) => o.code));
  const posts = new Set(org.offices.flatMap((o) => o.posts.map((p) => p.code)));
  for (const u of users.users) {
    for (const o of u.offices) if (!codes.has(o)) throw new Error(`users.json: ${u.username} names unknown office ${o}`);
    for (const p of u.posts) if (!posts.has(p)) throw new Error(`users.json: ${u.username} names unknown post ${p}`);
  }
  return { org, users, homesteads, calendar };
}
