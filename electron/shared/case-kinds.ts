/**
 * A case's statuses and the ways it leaves doorstep collection: a leaf module (no zod), so the
 * case list's filters load without the schemas; schemas/case-fields.ts re-exports them.
 */
export const caseStatuses = ['active', 'disputed', 'on_hold', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** Why a case left doorstep collection: written off, to litigation, to an agency, settled. */
export const caseExitKinds = ['written_off', 'litigation', 'agency', 'settled'] as const;
export type CaseExitKind = (typeof caseExitKinds)[number];
