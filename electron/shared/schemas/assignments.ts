import { z } from 'zod';
import { buckets } from '../delinquency';
import { isoMonth, requiredText } from '../validation';
import { caseId as id } from './case-fields';
import { caseListInput } from './cases';

/**
 * Who works which case (issue 18): reassigning cases, their assignment history, the officers'
 * workload with a suggested rebalance by village, and what an import does to a case a manager
 * assigned by hand.
 */

export const assignmentSources = ['manual', 'import'] as const;

/** Why the cases move; required on every manual change (it goes on the timeline and audit). */
const reason = requiredText(200);

/** The case list's filters as the list sends them; paging and sort are ignored here. */
export const reassignFilter = caseListInput;

export const reassignInput = z.discriminatedUnion('by', [
  z.object({
    by: z.literal('cases'),
    borrowerIds: z.array(id).min(1, 'v.required').max(10_000, 'v.tooMany'),
    toOfficerId: id,
    reason,
  }),
  z.object({
    by: z.literal('filter'),
    filter: reassignFilter,
    toOfficerId: id,
    reason,
  }),
]);

export const reassignOutput = z.object({
  /** Cases whose officer changed. */
  moved: z.number().int(),
  /** Cases the officer already held (left as they were, no history row). */
  unchanged: z.number().int(),
});
export type ReassignOutput = z.infer<typeof reassignOutput>;

/** A suggested (or edited) move: every case of one officer in one village, to another. */
export const villageMove = z.object({
  fromOfficerId: id,
  toOfficerId: id,
  township: z.string().trim().max(50),
  village: z.string().trim().max(50),
});

export const rebalanceInput = z.object({
  moves: z.array(villageMove).min(1, 'v.required').max(200, 'v.tooMany'),
  reason,
});

export const assignmentView = z.object({
  id,
  at: z.string(),
  fromOfficer: z.string().nullable(),
  toOfficer: z.string(),
  reason: z.string(),
  source: z.enum(assignmentSources),
  /** Who made it (null for an import run without a session). */
  byName: z.string().nullable(),
});
export type AssignmentView = z.infer<typeof assignmentView>;

export const workloadInput = z.object({ month: isoMonth.optional() }).optional();

export const officerWorkload = z.object({
  officerId: id,
  staffNo: z.string(),
  name: z.string(),
  /** False for someone who left (or is no longer an officer) but still holds cases. */
  active: z.boolean(),
  /** Open cases (not closed) the officer holds, by bucket on the branch's today. */
  cases: z.record(z.enum(buckets), z.number().int()),
  casesTotal: z.number().int(),
  outstandingFen: z.number().int(),
  overdueFen: z.number().int(),
  visitsPlanned: z.number().int(),
  visitsDone: z.number().int(),
  promisesOpen: z.number().int(),
  collectedFen: z.number().int(),
  /** Null when the month has no amount target for the officer. */
  targetFen: z.number().int().nullable(),
});
export type OfficerWorkload = z.infer<typeof officerWorkload>;

export const suggestedMove = villageMove.extend({ cases: z.number().int() });
export type SuggestedMove = z.infer<typeof suggestedMove>;

export const workloadOutput = z.object({
  month: z.string(),
  asOf: z.string(),
  officers: z.array(officerWorkload),
  /** Whole villages from the most loaded officers to the least, by open cases. */
  suggestion: z.array(suggestedMove),
});
export type WorkloadOutput = z.infer<typeof workloadOutput>;

/** An import naming another officer than the one a manager assigned: who wins. */
export const importOfficerRules = ['branch', 'headOffice'] as const;
export type ImportOfficerRule = (typeof importOfficerRules)[number];
export const importOfficerSetting = z.object({ wins: z.enum(importOfficerRules) });
