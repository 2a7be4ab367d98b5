import { z } from 'zod';

export const MODULES = ['contacts', 'accounts', 'leads', 'deals', 'meetings', 'tasks'] as const;
export type ModuleName = (typeof MODULES)[number];
export const ACTIONS = ['view', 'create', 'edit', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];
export type RecordScope = 'own' | 'all';

const modulePermissions = z.strictObject({
  view: z.boolean(),
  create: z.boolean(),
  edit: z.boolean(),
  delete: z.boolean(),
});

export const permissionsSchema = z.strictObject({
  manageUsers: z.boolean(),
  /** `own`: only records the user owns; `all`: every record of the organisation. */
  recordScope: z.enum(['own', 'all']),
  modules: z.strictObject(
    Object.fromEntries(MODULES.map((m) => [m, modulePermissions])) as Record<
      ModuleName,
      typeof modulePermissions
    >,
  ),
});
export type Permissions = z.infer<typeof permissionsSchema>;

const everyModule = (actions: Record<Action, boolean>) =>
  Object.fromEntries(MODULES.map((m) => [m, { ...actions }])) as Permissions['modules'];
const full = { view: true, create: true, edit: true, delete: true };

export type BuiltInProfileKey = 'administrator' | 'manager' | 'standard';

/** The built-in profiles every organisation starts with (PRODUCT §1). */
export const BUILT_IN_PROFILES: Record<BuiltInProfileKey, { name: string; permissions: Permissions }> = {
  administrator: {
    name: 'Administrator',
    permissions: { manageUsers: true, recordScope: 'all', modules: everyModule(full) },
  },
  manager: {
    name: 'Manager',
    permissions: { manageUsers: false, recordScope: 'all', modules: everyModule(full) },
  },
  standard: {
    name: 'Standard',
    permissions: { manageUsers: false, recordScope: 'own', modules: everyModule(full) },
  },
};

export function can(permissions: Permissions, module: ModuleName, action: Action): boolean {
  return permissions.modules[module]?.[action] === true;
}
