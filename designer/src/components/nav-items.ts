import type { Router } from 'vue-router';

/** The sections of the shared layout; a section appears only once its route exists. */
export const SECTIONS = [
  { key: 'designer', to: '/processes', route: 'library' },
  { key: 'worklist', to: '/worklist', route: 'worklist' },
  { key: 'cases', to: '/cases', route: 'cases' },
  { key: 'audit', to: '/audit', route: 'audit' },
  { key: 'analytics', to: '/analytics', route: 'analytics' },
] as const;

/** One entry of the top navigation. */
export interface NavItem { key: (typeof SECTIONS)[number]['key']; to: string }

/** Navigation entries for the routes registered in this router (later pages add theirs). */
export function navItems(router: Router): NavItem[] {
  return SECTIONS.filter((s) => router.hasRoute(s.route)).map((s) => ({ key: s.key, to: s.to }));
}
