import { permissionsOf, type Permission, type Role } from "@pregao/contracts";

/** A user's roles and the permissions they grant, shared by every socket whose user has the same roles. */
export interface RoleSet {
  roles: readonly Role[];
  permissions: readonly Permission[];
}

/** Role lists come from the user store, a few distinct ones per deployment; past this many, each socket gets its own. */
const MAX_SHARED = 64;
const shared = new Map<string, RoleSet>();

/**
 * The frozen role set for `roles`, one per distinct list. A socket used to keep the session's roles array as zod built
 * it (pushed one by one: room for 17) and its own permissions array, ≈ 250 B per idle socket for a list of constants.
 */
export function roleSetOf(roles: readonly Role[]): RoleSet {
  const key = roles.join(",");
  const known = shared.get(key);
  if (known) return known;
  const set: RoleSet = Object.freeze({
    roles: Object.freeze([...roles]),
    permissions: Object.freeze(permissionsOf(roles)),
  });
  if (shared.size < MAX_SHARED) shared.set(key, set);
  return set;
}
