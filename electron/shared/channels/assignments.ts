import { z } from 'zod';
import { channel } from '../channel';
import { caseId } from '../schemas/case-fields';
import {
  assignmentView,
  importOfficerSetting,
  rebalanceInput,
  reassignInput,
  reassignOutput,
  workloadInput,
  workloadOutput,
} from '../schemas/assignments';

/**
 * Who works which case. Only the manager assigns (one case, the case list's filter, or whole
 * villages from the workload's suggestion) and sees the officers' workload; everyone who reads
 * a case reads its assignment history.
 */
export const assignmentChannels = {
  'assignments:reassign': channel(reassignInput, reassignOutput, 'cases.assign'),
  'assignments:rebalance': channel(rebalanceInput, reassignOutput, 'cases.assign'),
  'assignments:history': channel(
    z.object({ borrowerId: caseId }),
    z.array(assignmentView),
    'cases.read',
  ),
  'assignments:workload': channel(workloadInput, workloadOutput, 'cases.assign'),
  'assignments:importRule': channel(
    z.object({}).strict().optional(),
    importOfficerSetting,
    'settings.read',
  ),
  'assignments:setImportRule': channel(importOfficerSetting, importOfficerSetting, 'cases.assign'),
} as const;
