import { z } from 'zod';
import { channel } from '../channel';
import { planningRulesSchema } from '../compliance';
import {
  approveVisitInput,
  calendarInput,
  calendarOutput,
  cancelVisitInput,
  certificateInput,
  checkResult,
  checkVisitInput,
  clearElderlyInput,
  dayRouteInput,
  dayRouteOutput,
  elderlyInput,
  elderlyStatus,
  holidaysInput,
  holidaysOutput,
  leaveInput,
  planRouteInput,
  planVisitInput,
  recordNoticeInput,
  removeLeaveInput,
  restoreElderlyInput,
  rescheduleVisitInput,
  setHolidayInput,
  setTargetInput,
  staffCreateInput,
  staffListInput,
  staffRow,
  staffUpdateInput,
  targetsInput,
  targetsOutput,
  updateVisitInput,
  visitDetail,
  worklistInput,
  worklistRow,
} from '../schemas/planning';
import { importModes, importSource } from '../schemas/imports';

const empty = z.object({}).strict().optional();
const byId = z.object({ id: z.number().int().positive() });

/** A spreadsheet sent whole (as the case import sends it: 50 MB at most) and how to take it. */
const sheetImportInput = importSource
  .pick({ fileName: true, contentBase64: true })
  .extend({ mode: z.enum(importModes).default('all-or-nothing') });

/** A rejected row: its line, the rule or kind of problem, and why in both languages. */
const sheetImportError = z.object({
  line: z.number().int(),
  rule: z.string(),
  reason: z.string(),
  reasonEn: z.string(),
});

const staffImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** Cases imported before their officers were on the list, assigned to them now. */
  casesAssigned: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(sheetImportError),
});

const rosterImportResult = z.object({
  mode: z.enum(importModes),
  planned: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(sheetImportError),
});

/**
 * Visit planning: staff and training, visits and their rules, calendars, routes, the
 * worklist, rule settings, holidays and monthly targets.
 *
 * `visits:plan`, `visits:update`, `visits:reschedule` and `visits:approve` answer
 * RULE_VIOLATION with `details.violations` (code, severity, message {zh,en}, params) when a
 * rule is broken; a manager may repeat the call with `override: { reason }` unless a violation
 * has severity 'legal'. `visits:check` runs the same rules without saving.
 */
export const planningChannels = {
  'staff:list': channel(staffListInput, z.array(staffRow), 'staff.read'),
  'staff:create': channel(staffCreateInput, staffRow, 'staff.manage'),
  'staff:update': channel(staffUpdateInput, staffRow, 'staff.manage'),
  'staff:addCertificate': channel(certificateInput, staffRow, 'staff.manage'),
  'staff:addLeave': channel(
    leaveInput,
    z.object({ staff: staffRow, conflictingVisitIds: z.array(z.number().int()) }),
    'staff.manage',
  ),
  'staff:removeLeave': channel(removeLeaveInput, staffRow, 'staff.manage'),
  /** The staff list from a spreadsheet, upserted by staff number: as adding staff one by one. */
  'staff:import': channel(sheetImportInput, staffImportResult, 'staff.manage'),

  'visits:check': channel(checkVisitInput, checkResult, 'visits.plan'),
  'visits:plan': channel(planVisitInput, visitDetail, 'visits.plan'),
  'visits:get': channel(byId, visitDetail, 'visits.read'),
  'visits:update': channel(updateVisitInput, visitDetail, 'visits.plan'),
  'visits:reschedule': channel(rescheduleVisitInput, visitDetail, 'visits.plan'),
  'visits:cancel': channel(cancelVisitInput, visitDetail, 'visits.plan'),
  'visits:approve': channel(approveVisitInput, visitDetail, 'visits.override'),
  'visits:recordNotice': channel(recordNoticeInput, visitDetail, 'visits.plan'),
  'visits:calendar': channel(calendarInput, calendarOutput, 'visits.read'),
  'visits:dayRoute': channel(dayRouteInput, dayRouteOutput, 'visits.read'),
  'visits:planRoute': channel(planRouteInput, z.array(visitDetail), 'visits.plan'),
  'visits:worklist': channel(worklistInput, z.array(worklistRow), 'visits.read'),
  /**
   * Visits from a roster spreadsheet, judged row by row by the same rules as planning one:
   * whoever may plan a visit may import them; a rule-breaking row is rejected, never overridden.
   */
  'visits:importRoster': channel(sheetImportInput, rosterImportResult, 'visits.plan'),

  'planning:rules': channel(empty, planningRulesSchema, 'visits.read'),
  'planning:updateRules': channel(planningRulesSchema, planningRulesSchema, 'settings.edit'),
  'planning:holidays': channel(holidaysInput, holidaysOutput, 'visits.read'),
  'planning:setHoliday': channel(setHolidayInput, holidaysOutput, 'settings.edit'),
  // Elderly by the ID's birth date; only the manager clears or restores the flag, audited.
  'planning:elderly': channel(elderlyInput, elderlyStatus, 'cases.read'),
  'planning:clearElderly': channel(clearElderlyInput, elderlyStatus, 'visits.override'),
  'planning:restoreElderly': channel(restoreElderlyInput, elderlyStatus, 'visits.override'),

  'targets:get': channel(targetsInput, targetsOutput, 'visits.read'),
  'targets:set': channel(setTargetInput, targetsOutput, 'settings.edit'),
} as const;
