import bcrypt from 'bcryptjs';
import type { Models } from '../models/index.ts';
import { officeGroupId, postGroupId } from '../models/org.ts';
import type { SeedData } from './seed-data.ts';

/** What seeding changed (for the log). */
export interface SeedReport {
  offices: number;
  villages: number;
  usersCreated: number;
  homesteads: number;
}

/**
 * Idempotent seed: offices, villages, homestead registry and calendar are upserted by their
 * codes; users are created only when missing (existing passwords and roles are left alone).
 */
export async function seedDatabase(models: Models, data: SeedData, bcryptRounds = 10): Promise<SeedReport> {
  for (const o of data.org.offices) {
    const doc = { code: o.code, name: o.name, kind: o.kind, groupId: officeGroupId(o.code), posts: o.posts.map((p) => ({ ...p, groupId: postGroupId(p.code) })) };
    await models.Office.updateOne({ code: o.code }, { $set: doc }, { upsert: true });
  }
  for (const v of data.org.villages) await models.Village.updateOne({ code: v.code }, { $set: v }, { upsert: true });
  let usersCreated = 0;
  const hash = await bcrypt.hash(data.users.demoPassword, bcryptRounds);
  for (const u of data.users.users) {
    const r = await models.User.updateOne({ username: u.username }, { $setOnInsert: { ...u, passwordHash: hash, active: true } }, { upsert: true });
    usersCreated += r.upsertedCount;
  }
  for (const h of data.homesteads) await models.Homestead.updateOne({ parcelNumber: h.parcelNumber }, { $set: h }, { upsert: true });
  await models.Calendar.updateOne({ _id: 'default' }, { $setOnInsert: { holidays: data.calendar.holidays, workdays: data.calendar.workdays } }, { upsert: true });
  return { offices: data.org.offices.length, villages: data.org.villages.length, usersCreated, homesteads: data.homesteads.length };
}
