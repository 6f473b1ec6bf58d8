import { defineStore } from 'pinia';
import { ref } from 'vue';
import { endpoints } from '../api/endpoints.ts';
import type { DraftSummary, ProcessSummary } from '../api/types.ts';

/** Deployed processes and the user's drafts, as listed in the process library. */
export const useProcessStore = defineStore('processes', () => {
  const processes = ref<ProcessSummary[]>([]);
  const drafts = ref<DraftSummary[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function refresh(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const [p, d] = await Promise.all([endpoints.processes(), endpoints.drafts()]);
      processes.value = p;
      drafts.value = d;
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      loading.value = false;
    }
  }

  return { processes, drafts, loading, error, refresh };
});
