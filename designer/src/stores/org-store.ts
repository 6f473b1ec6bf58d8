import { defineStore } from 'pinia';
import { ref } from 'vue';
import { endpoints } from '../api/endpoints.ts';
import type { Office } from '../api/types.ts';

/** One choice in an office/post picker: the candidate-group id and a readable label. */
export interface GroupOption { groupId: string; label: string; officeName: string }

/** Flattens offices and their posts into picker options ("社会治理办公室", "社会治理办公室 · 审核岗"). */
export function groupOptions(offices: Office[]): GroupOption[] {
  const out: GroupOption[] = [];
  for (const o of offices) {
    out.push({ groupId: o.groupId, label: o.name, officeName: o.name });
    for (const p of o.posts) out.push({ groupId: p.groupId, label: `${o.name} · ${p.name}`, officeName: o.name });
  }
  return out;
}

/** The organisation directory (offices and posts) loaded once per session. */
export const useOrgStore = defineStore('org', () => {
  const offices = ref<Office[]>([]);
  const loaded = ref(false);
  let pending: Promise<void> | null = null;

  function load(force = false): Promise<void> {
    if (loaded.value && !force) return Promise.resolve();
    pending ??= endpoints.offices().then((list) => {
      offices.value = list;
      loaded.value = true;
    }).finally(() => {
      pending = null;
    });
    return pending;
  }

  return { offices, loaded, load };
});
