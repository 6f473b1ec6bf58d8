import type { Role } from '../models/user.ts';
import { officeGroupId, postGroupId } from '../models/org.ts';

/** The logged-in user as routes see it. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  offices: string[];
  posts: string[];
  sessionId: string;
}

/** Candidate groups the principal belongs to (office:CODE, post:CODE). */
export function groupsOf(p: Pick<Principal, 'offices' | 'posts'>): string[] {
  return [...p.offices.map(officeGroupId), ...p.posts.map(postGroupId)];
}

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return p.roles.includes('admin') || roles.some((r) => p.roles.includes(r));
}
