import { z } from 'zod';
import { channel, platformChannel } from '../channel';
import { documentData } from '../schemas/notices';
import { monthlyReportData, monthlyReportRequest } from '../schemas/monthly-report';
import { handInSheetData, handInSheetRequest } from '../schemas/cash-handins';
import { waiverAgreementData } from '../schemas/waivers';

export const printJobId = z.string().regex(/^[0-9a-f-]{36}$/, 'v.invalid');

/** What a print job holds: notices and letters, the monthly report, or a hand-in sheet. */
export const printableDocument = z.union([
  documentData,
  monthlyReportData,
  handInSheetData,
  waiverAgreementData,
]);
export type PrintableDocument = z.infer<typeof printableDocument>;

/**
 * Printing goes through a staged job: the renderer stages the documents it got from
 * `notices:print`, then asks the host to print or save the job; the host renders the print
 * route (`#/print/<jobId>`) in a hidden window, which fetches the job with `print:job`.
 * The monthly report is staged by the core itself from the month's summary
 * (`print:stageReport`, for whoever may read reports); printing a staged job then needs only a
 * session, since whoever staged it was allowed to.
 */
export const printChannels = {
  'print:stage': channel(
    z.object({ documents: z.array(documentData).min(1).max(2000) }),
    z.object({ jobId: printJobId }),
    'notices.print',
  ),
  'print:stageReport': channel(
    monthlyReportRequest,
    z.object({ jobId: printJobId }),
    'reports.read',
  ),
  // A hand-in sheet (缴款单), staged by the core from the hand-in on file.
  'print:stageHandIn': channel(handInSheetRequest, z.object({ jobId: printJobId }), 'visits.read'),
  'print:job': channel(
    z.object({ jobId: printJobId }),
    z.object({ documents: z.array(printableDocument) }),
    'session',
  ),
  'print:savePdf': platformChannel(
    z.object({
      jobId: printJobId,
      fileName: z
        .string()
        .trim()
        .min(1)
        .max(120)
        .regex(/^[^/\\:*?"<>|]+$/, 'v.invalid'),
    }),
    z.object({ file: z.string().nullable(), pages: z.number().int() }),
    'session',
  ),
  'print:system': platformChannel(
    z.object({ jobId: printJobId }),
    z.object({ printed: z.boolean() }),
    'session',
  ),
} as const;
