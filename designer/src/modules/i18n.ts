import { createI18n } from 'vue-i18n';
import zh from '../locales/zh-CN.ts';
import en from '../locales/en.ts';

/** The languages the designer offers; zh-CN is the default. */
export type AppLocale = 'zh-CN' | 'en';
const STORAGE_KEY = 'streetflow.locale';

function initialLocale(): AppLocale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return saved === 'en' ? 'en' : 'zh-CN';
}

/** The vue-i18n instance (composition mode) shared by every page. */
export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en },
});

/** Switches the UI language and remembers the choice. */
export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

/** The current UI language. */
export function currentLocale(): AppLocale {
  return i18n.global.locale.value as AppLocale;
}
