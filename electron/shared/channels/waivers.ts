import { z } from 'zod';
import { channel } from '../channel';
import {
  waiverAgreementRequest,
  waiverApproveInput,
  waiverListInput,
  waiverProposeInput,
  waiverRejectInput,
  waiverRow,
  waiverSettingsSchema,
  waiverWithdrawInput,
} from '../schemas/waivers';

/**
 * Waivers and settlements (减免 / 和解结清), handled by core/waivers. A proposal on one loan, from
 * the case page or a visit record, needs two approvals: a manager's and one from the role the
 * branch set as second approver (`waivers:settings`). The dispatcher checks the permission
 * ('waivers.approve': the manager and the auditor); the core checks the two-approval rule
 * (not the proposer, not twice, one of each role). The agreement prints once approved.
 */
export const waiverChannels = {
  'waivers:list': channel(waiverListInput, z.array(waiverRow), 'cases.read'),
  /** Undecided proposals the caller may approve now, for the tasks page. */
  'waivers:awaitingMe': channel(
    z.object({}).strict().optional(),
    z.array(waiverRow),
    'waivers.approve',
  ),
  'waivers:propose': channel(waiverProposeInput, waiverRow, 'waivers.propose'),
  'waivers:approve': channel(waiverApproveInput, waiverRow, 'waivers.approve'),
  'waivers:reject': channel(waiverRejectInput, waiverRow, 'waivers.approve'),
  /** The proposer (or a manager) takes back an undecided proposal. */
  'waivers:withdraw': channel(waiverWithdrawInput, waiverRow, 'waivers.propose'),
  /** The approved agreement, staged for the print route (then print:savePdf / print:system). */
  'waivers:stageAgreement': channel(
    waiverAgreementRequest,
    z.object({ jobId: z.string() }),
    'notices.print',
  ),
  'waivers:settings': channel(
    z.object({}).strict().optional(),
    waiverSettingsSchema,
    'settings.read',
  ),
  'waivers:saveSettings': channel(waiverSettingsSchema, waiverSettingsSchema, 'settings.edit'),
} as const;
