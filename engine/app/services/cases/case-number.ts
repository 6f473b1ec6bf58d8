import type { Models } from '../../models/index.ts';

/** Formats a case number: 桐城-2026-000123. */
export function formatCaseNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

/** Draws the next case number of the year from an atomic counter ($inc with upsert). */
export async function nextCaseNumber(models: Models, prefix: string, now = new Date()): Promise<string> {
  const year = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const counter = await models.Counter.findOneAndUpdate({ _id: `case:${prefix}:${year}` }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean();
  return formatCaseNumber(prefix, year, counter?.seq ?? 1);
}
