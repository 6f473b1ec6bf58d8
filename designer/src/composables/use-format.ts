import { currentLocale } from '../modules/i18n.ts';

/** Formats an ISO timestamp for the current language ("2026/11/23 17:30"); empty for missing values. */
export function formatTime(iso: string | undefined | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(currentLocale(), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}
