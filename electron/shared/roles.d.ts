/**
 * Roles and the permission matrix, written once. Main enforces it on every channel;
 * the renderer reads the same table only to hide what a role cannot do.
 */
export declare const roles: readonly ["manager", "officer", "clerk", "auditor"];
export type Role = (typeof roles)[number];
export declare const permissions: readonly ["cases.read", "cases.write", "cases.import", "cases.reveal", "cases.export", "visits.read", "visits.plan", "visits.record", "visits.override", "plans.approve", "notices.print", "templates.edit", "reports.read", "reports.close", "staff.read", "staff.manage", "settings.read", "settings.edit", "audit.read", "backup.run", "backup.restore", "self.account"];
export type Permission = (typeof permissions)[number];
export declare const rolePermissions: Record<Role, readonly Permission[]>;
export declare function can(role: Role | null | undefined, permission: Permission): boolean;
export declare const roleLabels: Record<Role, {
    zh: string;
    en: string;
}>;
