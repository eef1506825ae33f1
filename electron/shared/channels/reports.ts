import { channel } from '../channel';
import {
  closeInput,
  drilldownInput,
  drilldownOutput,
  exportCsvInput,
  exportOutput,
  exportXlsxInput,
  monthClose,
  reopenInput,
  summaryInput,
  summaryOutput,
} from '../schemas/reports';
import { exportPurpose } from '../schemas/export-purpose';

/**
 * The monthly branch summary. `reports:summary` answers with the frozen figures of a closed
 * month, live figures otherwise (the branch's and each officer's, roll-rate matrices included),
 * plus the previous month and the same month last year, and every figure's definition (the
 * tooltips). Closing stores the figures with their SHA-256 and the
 * audit chain's head; reopening needs a reason. Exports carry borrower names (the Visits
 * list), so they need a stated purpose; they are audited with it and return base64.
 */
export const reportChannels = {
  'reports:summary': channel(summaryInput, summaryOutput, 'reports.read'),
  'reports:drilldown': channel(drilldownInput, drilldownOutput, 'reports.read'),
  'reports:close': channel(closeInput, monthClose, 'reports.close'),
  'reports:reopen': channel(reopenInput, monthClose, 'reports.close'),
  'reports:exportXlsx': channel(
    exportXlsxInput.extend({ purpose: exportPurpose }),
    exportOutput,
    'reports.read',
  ),
  'reports:exportCsv': channel(
    exportCsvInput.extend({ purpose: exportPurpose }),
    exportOutput,
    'reports.read',
  ),
} as const;
