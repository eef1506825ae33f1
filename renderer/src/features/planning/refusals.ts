import { z } from 'zod';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { violationSchema, type StaffRow } from '../../../../electron/shared/schemas/planning';
import { ApiError, call } from '../../api';
import { errorMessage } from '../../components/forms';
import { useToast } from '../../components/Toasts';

/** Shared pieces of the planning screens: languages, rule refusals, the staff list. */

export type Violation = z.infer<typeof violationSchema>;
export type Bilingual = { zh: string; en: string };

/** The language of texts that arrive in both languages from the core (rule messages, reasons). */
export function useTextLang(): 'zh' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh';
}

export const inLang = (text: Bilingual, lang: 'zh' | 'en') => text[lang];

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
  violations: Violation[];
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

/** The branch's staff (active by default), loaded once per screen and reloadable. */
export function useStaffList(includeInactive = false) {
  const { t } = useTranslation();
  const toast = useToast();
  const [staff, setStaff] = useState<StaffRow[] | null>(null);
  const load = useCallback(() => {
    call('staff:list', { includeInactive })
      .then(setStaff)
      .catch((error: unknown) => toast(errorMessage(error, t), 'error'));
  }, [includeInactive, toast, t]);
  useEffect(load, [load]);
  return { staff, reload: load };
}

export const staffLabel = (s: { staffNo: string; name: string }) => `${s.name}（${s.staffNo}）`;

/**
 * Field error text: schema messages are keys ("v.required"); a missing value (zod's
 * invalid_type on an empty number field) reads as required, anything else as invalid.
 */
export function fieldText(
  t: TFunction,
  error: { message?: string; type?: string | number } | undefined,
) {
  if (!error?.message) return undefined;
  if (error.message.startsWith('v.')) return t(error.message);
  return t(error.type === 'invalid_type' ? 'v.required' : 'v.invalid');
}

/** Today's date in the browser's zone as YYYY-MM-DD (the branch's zone on its own PCs). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const monthOfDate = (date: string) => date.slice(0, 7);
