/**
 * Roles and the permission matrix, written once. Main enforces it on every channel;
 * the renderer reads the same table only to hide what a role cannot do.
 */
export const roles = ['manager', 'officer', 'clerk', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'cases.read',
  'cases.write',
  'cases.import',
  'cases.reveal',
  'cases.export',
  /** Take a case out of doorstep collection (write-off, litigation, agency, settled) or back. */
  'cases.exit',
  /** Assign and reassign cases to officers, and see their workload (manager). */
  'cases.assign',
  /** Record a borrower-initiated contact where an outbound one would be refused. */
  'contacts.exempt',
  'complaints.read',
  'complaints.write',
  'complaints.close',
  'visits.read',
  /** Plan visits: one at a time on screen, or many from a roster file (planning:importRoster). */
  'visits.plan',
  'visits.record',
  'visits.override',
  'plans.approve',
  /** Propose a waiver of penalty or interest, or a settlement for less (减免 / 和解结清). */
  'waivers.propose',
  /**
   * Approve or reject a waiver or settlement: the manager and the auditor (the second approver
   * by default); the core checks the two-approval rule with the branch's setting.
   */
  'waivers.approve',
  /** Record visit money handed in at the branch (缴款) against its receipts. */
  'cash.handIn',
  /** Sign off a hand-in's difference between the money counted and its receipts. */
  'cash.signOff',
  'notices.print',
  'templates.edit',
  'reports.read',
  'reports.close',
  'staff.read',
  /** Staff and their accounts: one at a time on screen, or a staff list file (staff:import). */
  'staff.manage',
  'settings.read',
  'settings.edit',
  'audit.read',
  'backup.run',
  'backup.restore',
  /** Enrol desks with the branch server (one-time codes) and revoke them (manager). */
  'desks.manage',
  'self.account',
] as const;
export type Permission = (typeof permissions)[number];

const everyone: Permission[] = [
  'cases.read',
  'complaints.read',
  'visits.read',
  'reports.read',
  'staff.read',
  'settings.read',
  'self.account',
];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  manager: permissions,
  officer: [
    ...everyone,
    'cases.write',
    'cases.reveal',
    'complaints.write',
    'visits.plan',
    'visits.record',
    'waivers.propose',
    'notices.print',
    'backup.run',
  ],
  clerk: [
    ...everyone,
    'cases.write',
    'cases.import',
    'cases.export',
    'complaints.write',
    'visits.plan',
    /** Keys in outcomes for the staff who went; the record keeps who entered it. */
    'visits.record',
    'cash.handIn',
    'waivers.propose',
    'notices.print',
    'backup.run',
  ],
  /** The auditor also gives the second approval of waivers (internal control's four eyes). */
  auditor: [...everyone, 'cases.reveal', 'cases.export', 'audit.read', 'waivers.approve'],
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return rolePermissions[role].includes(permission);
}
