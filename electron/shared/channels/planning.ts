import { z } from 'zod';
import { channel } from '../channel';
import { planningRulesSchema } from '../compliance';
import {
  approveVisitInput,
  calendarInput,
  calendarOutput,
  cancelVisitInput,
  checkResult,
  checkVisitInput,
  clearElderlyInput,
  dayRouteInput,
  dayRouteOutput,
  elderlyInput,
  elderlyStatus,
  holidaysInput,
  holidaysOutput,
  planRouteInput,
  planVisitInput,
  recordNoticeInput,
  restoreElderlyInput,
  rescheduleVisitInput,
  setHolidayInput,
  setTargetInput,
  targetsInput,
  targetsOutput,
  updateVisitInput,
  visitDetail,
  worklistInput,
  worklistRow,
} from '../schemas/planning';
import { importModes, sheetImportError, sheetImportInput } from '../schemas/imports';

const empty = z.object({}).strict().optional();
const byId = z.object({ id: z.number().int().positive() });

const rosterImportResult = z.object({
  mode: z.enum(importModes),
  planned: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(sheetImportError),
});

/**
 * Visit planning: visits and their rules, calendars, routes, the worklist, rule settings,
 * holidays and monthly targets.
 *
 * `planning:planVisit`, `planning:updateVisit`, `planning:reschedule` and `planning:approveVisit` answer
 * RULE_VIOLATION with `details.violations` (code, severity, message {zh,en}, params) when a
 * rule is broken; a manager may repeat the call with `override: { reason }` unless a violation
 * has severity 'legal'. `planning:check` runs the same rules without saving.
 */
export const planningChannels = {
  'planning:check': channel(checkVisitInput, checkResult, 'visits.plan'),
  'planning:planVisit': channel(planVisitInput, visitDetail, 'visits.plan'),
  'planning:visit': channel(byId, visitDetail, 'visits.read'),
  'planning:updateVisit': channel(updateVisitInput, visitDetail, 'visits.plan'),
  'planning:reschedule': channel(rescheduleVisitInput, visitDetail, 'visits.plan'),
  'planning:cancelVisit': channel(cancelVisitInput, visitDetail, 'visits.plan'),
  'planning:approveVisit': channel(approveVisitInput, visitDetail, 'visits.override'),
  'planning:recordNotice': channel(recordNoticeInput, visitDetail, 'visits.plan'),
  'planning:calendar': channel(calendarInput, calendarOutput, 'visits.read'),
  'planning:dayRoute': channel(dayRouteInput, dayRouteOutput, 'visits.read'),
  'planning:planRoute': channel(planRouteInput, z.array(visitDetail), 'visits.plan'),
  'planning:worklist': channel(worklistInput, z.array(worklistRow), 'visits.read'),
  /**
   * Visits from a roster spreadsheet, judged row by row by the same rules as planning one:
   * whoever may plan a visit may import them; a rule-breaking row is rejected, never overridden.
   */
  'planning:importRoster': channel(sheetImportInput, rosterImportResult, 'visits.plan'),

  'planning:rules': channel(empty, planningRulesSchema, 'visits.read'),
  'planning:updateRules': channel(planningRulesSchema, planningRulesSchema, 'settings.edit'),
  'planning:holidays': channel(holidaysInput, holidaysOutput, 'visits.read'),
  'planning:setHoliday': channel(setHolidayInput, holidaysOutput, 'settings.edit'),
  // Elderly by the ID's birth date; only the manager clears or restores the flag, audited.
  'planning:elderly': channel(elderlyInput, elderlyStatus, 'cases.read'),
  'planning:clearElderly': channel(clearElderlyInput, elderlyStatus, 'visits.override'),
  'planning:restoreElderly': channel(restoreElderlyInput, elderlyStatus, 'visits.override'),

  'planning:targets': channel(targetsInput, targetsOutput, 'visits.read'),
  'planning:setTargets': channel(setTargetInput, targetsOutput, 'settings.edit'),
} as const;
