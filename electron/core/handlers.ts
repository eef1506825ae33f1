import type { HandlerMap } from './app/handler-types';
import { mergeHandlers } from './app/handler-types';
import { accountHandlers } from './accounts/handlers';
import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { backupHandlers } from './backup/handlers';
import { importHandlers } from './imports/handlers';
import { caseHandlers } from './cases/handlers';
import { caseExportHandlers } from './case-export/handlers';
import { complaintHandlers } from './complaints/handlers';
import { keyHandlers } from './keys/handlers';
import { printHandlers } from './print/handlers';
import { retentionHandlers } from './retention/handlers';
import { recordHandlers } from './records/handlers';
import { noticeHandlers } from './notices/handlers';
import { planningHandlers } from './planning/handlers';
import { reportHandlers } from './reports/handlers';
import { settingsHandlers } from './settings/handlers';

/** The one handler table behind Electron IPC, the CLI and the end-to-end bridge. */
export const handlers = mergeHandlers(
  authHandlers,
  settingsHandlers,
  backupHandlers,
  auditHandlers,
  accountHandlers,
  importHandlers,
  caseHandlers,
  caseExportHandlers,
  complaintHandlers,
  keyHandlers,
  printHandlers,
  retentionHandlers,
  recordHandlers,
  noticeHandlers,
  planningHandlers,
  reportHandlers,
) as HandlerMap;
