import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { endpoints } from '../api/endpoints.ts';
import { setToken } from '../api/http-client.ts';
import type { User } from '../api/types.ts';

const STORAGE_KEY = 'streetflow.session';

interface StoredSession { token: string; expiresAt: string; user: User }

function load(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as StoredSession;
    if (new Date(s.expiresAt).getTime() <= Date.now()) return null;
    return s;
  } catch {
    return null;
  }
}

/** The logged-in user and their session token (kept in localStorage until it expires). */
export const useAuthStore = defineStore('auth', () => {
  const session = ref<StoredSession | null>(load());
  setToken(session.value?.token ?? null);

  const user = computed(() => session.value?.user ?? null);
  const isLoggedIn = computed(() => session.value !== null);
  const canDeploy = computed(() => !!user.value?.roles.some((r) => r === 'process-owner' || r === 'admin'));

  async function login(username: string, password: string): Promise<void> {
    const res = await endpoints.login(username, password);
    session.value = { token: res.token, expiresAt: res.expiresAt, user: res.user };
    setToken(res.token);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(session.value));
  }

  function forget(): void {
    session.value = null;
    setToken(null);
    localStorage.removeItem(STORAGE_KEY);
  }

  async function logout(): Promise<void> {
    try {
      await endpoints.logout();
    } finally {
      forget();
    }
  }

  return { user, isLoggedIn, canDeploy, login, logout, forget };
});
