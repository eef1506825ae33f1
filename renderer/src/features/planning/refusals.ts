import { z } from 'zod';
import type { TFunction } from 'i18next';
import { violationSchema } from '../../../../electron/shared/schemas/planning';
import { ApiError } from '../../api';
import { errorMessage } from '../../components/error-text';

/** The rules' refusals of a plan, as the planning screens read them from a failed call. */

/** A slot of a refused route: which borrower, when, and the rules it broke. */
const refusedSlot = z.object({
  borrowerId: z.number(),
  start: z.string(),
  end: z.string(),
  violations: z.array(violationSchema),
});
export type RefusedSlot = z.infer<typeof refusedSlot>;

const ruleDetails = z.object({
  violations: z.array(violationSchema),
  canOverride: z.boolean().optional(),
  slots: z.array(refusedSlot).optional(),
});

export interface RuleRefusal {
  violations: z.infer<typeof violationSchema>[];
  /** The signed-in manager may repeat the call with a written reason. */
  canOverride: boolean;
  slots: RefusedSlot[];
}

/**
 * The rules' answer inside a failed call (RULE_VIOLATION, or FORBIDDEN when a non-manager
 * tried to override), checked with the shared schema; null for any other failure.
 */
export function ruleRefusal(error: unknown): RuleRefusal | null {
  if (!(error instanceof ApiError)) return null;
  if (error.error.code !== 'RULE_VIOLATION' && error.error.code !== 'FORBIDDEN') return null;
  const parsed = ruleDetails.safeParse(error.error.details);
  if (!parsed.success) return null;
  return {
    violations: parsed.data.violations,
    canOverride: parsed.data.canOverride ?? false,
    slots: parsed.data.slots ?? [],
  };
}

/** One line for a toast: the rules a refused change broke, in the UI language. */
export function refusalText(error: unknown, t: TFunction, lang: 'zh' | 'en'): string {
  const refusal = ruleRefusal(error);
  if (!refusal || refusal.violations.length === 0) return errorMessage(error, t);
  const reasons = refusal.violations.map((v) => v.message[lang]).join('；');
  return t('planning.refused', { reasons });
}
