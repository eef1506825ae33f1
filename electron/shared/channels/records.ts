import { z } from 'zod';
import { channel } from '../channel';
import {
  amendVisitInput,
  evaluateInput,
  planDecisionInput,
  planListInput,
  planPreviewInput,
  planRejectInput,
  promiseListInput,
  receiptGetInput,
  recordGetInput,
  recordViolationsInput,
  recordVisitInput,
  tasksInput,
} from '../schemas/records';
import {
  cashDue,
  cashDueInput,
  cashHolder,
  cashHoldersInput,
  handInGetInput,
  handInInput,
  handInListInput,
  handInRow,
  signOffHandInInput,
} from '../schemas/cash-handins';
import {
  evaluation,
  planPreview,
  planRow,
  promiseRow,
  receiptRow,
  recordDraft,
  recordHistory,
  recordViolationRow,
  tasksOutput,
  awaitingInput,
  awaitingOutput,
} from '../schemas/records-views';

/**
 * The records feature's settings (a manager's choice): a payment up to `promiseGraceDays`
 * after the due date still keeps a promise or an instalment, since bank transfers take a day
 * or two to arrive.
 */
export const recordsSettingsSchema = z.object({
  promiseGraceDays: z
    .number({ error: 'v.graceDays' })
    .int('v.graceDays')
    .min(0, 'v.graceDays')
    .max(31, 'v.graceDays'),
});
export type RecordsSettings = z.infer<typeof recordsSettingsSchema>;

/**
 * Visit records and what follows from them.
 *
 * `records:record` saves the outcome of a planned visit in one transaction: the record, the
 * visit's status (done; not_done when nobody was met), a contact event, a dated assessment
 * from the situation seen, the follow-up, and the outcome's section: a promise, a payment with
 * its receipt number, or a repayment plan proposal. A saved record is never changed:
 * `records:amend` adds a correction that becomes the effective record, keeping the original.
 * Field errors come back as VALIDATION with `fields` (message keys, e.g. 'plan.shortfallReason').
 *
 * `records:evaluatePromises` judges promises and plan instalments against payments as of a date; it
 * also runs before `records:tasks` answers, and core code that imports payments calls
 * `evaluateAfterPayments` (electron/core/records/evaluate.ts).
 */
export const recordChannels = {
  'records:draft': channel(
    z.object({ visitId: z.number().int().positive() }),
    recordDraft,
    'visits.record',
  ),
  'records:record': channel(recordVisitInput, recordHistory, 'visits.record'),
  'records:amend': channel(amendVisitInput, recordHistory, 'visits.record'),
  'records:get': channel(recordGetInput, recordHistory, 'visits.read'),
  'records:tasks': channel(tasksInput, tasksOutput, 'visits.read'),
  /** The branch's visits still waiting for an outcome, for whoever keys results in. */
  'records:awaiting': channel(awaitingInput, awaitingOutput, 'visits.read'),
  // A borrower's records that broke a rule when saved (hours, certificates, staff, notice, place).
  'records:violations': channel(recordViolationsInput, z.array(recordViolationRow), 'visits.read'),

  'records:promises': channel(promiseListInput, z.array(promiseRow), 'visits.read'),
  'records:evaluatePromises': channel(evaluateInput, evaluation, 'visits.record'),

  'records:previewPlan': channel(planPreviewInput, planPreview, 'visits.record'),
  'records:approvePlan': channel(planDecisionInput, planRow, 'plans.approve'),
  'records:rejectPlan': channel(planRejectInput, planRow, 'plans.approve'),
  'records:plans': channel(planListInput, z.array(planRow), 'visits.read'),

  'records:receipt': channel(receiptGetInput, receiptRow, 'visits.read'),

  // Visit money handed in at the branch (缴款): core/records/cash.ts.
  'records:cashDue': channel(cashDueInput, cashDue, 'visits.read'),
  'records:cashHolders': channel(cashHoldersInput, z.array(cashHolder), 'visits.read'),
  'records:handIn': channel(handInInput, handInRow, 'cash.handIn'),
  'records:signOffHandIn': channel(signOffHandInInput, handInRow, 'cash.signOff'),
  'records:handIns': channel(handInListInput, z.array(handInRow), 'visits.read'),
  'records:handInSheet': channel(handInGetInput, handInRow, 'visits.read'),

  'records:settings': channel(
    z.object({}).strict().optional(),
    recordsSettingsSchema,
    'settings.read',
  ),
  'records:saveSettings': channel(recordsSettingsSchema, recordsSettingsSchema, 'settings.edit'),
} as const;
