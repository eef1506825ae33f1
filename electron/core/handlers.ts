import type { HandlerMap } from './app/handler-types';
import { accountHandlers } from './accounts/handlers';
import { assignmentHandlers } from './assignments/handlers';
import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { backupHandlers } from './backup/handlers';
import { caseExportHandlers } from './case-export/handlers';
import { caseHandlers } from './cases/handlers';
import { complaintHandlers } from './complaints/handlers';
import { deskHandlers } from './desks/handlers';
import { importHandlers } from './imports/handlers';
import { jobHandlers } from './jobs/handlers';
import { keyHandlers } from './keys/handlers';
import { noticeHandlers } from './notices/handlers';
import { planningHandlers } from './planning/handlers';
import { printHandlers } from './print/handlers';
import { recordHandlers } from './records/handlers';
import { reportHandlers } from './reports/handlers';
import { retentionHandlers } from './retention/handlers';
import { settingsHandlers } from './settings/handlers';
import { staffHandlers } from './staff/handlers';
import { waiverHandlers } from './waivers/handlers';

/**
 * The one handler table behind Electron IPC, the CLI and the end-to-end bridge: each feature's
 * map handles exactly the channels its channel file declares (FeatureHandlers), and the table
 * is typed as the whole contract's core channels, so a channel nobody handles does not compile.
 */
export const handlers: HandlerMap = {
  ...authHandlers,
  ...settingsHandlers,
  ...backupHandlers,
  ...jobHandlers,
  ...auditHandlers,
  ...accountHandlers,
  ...importHandlers,
  ...caseHandlers,
  ...caseExportHandlers,
  ...complaintHandlers,
  ...deskHandlers,
  ...assignmentHandlers,
  ...keyHandlers,
  ...printHandlers,
  ...retentionHandlers,
  ...recordHandlers,
  ...noticeHandlers,
  ...staffHandlers,
  ...planningHandlers,
  ...reportHandlers,
  ...waiverHandlers,
};
