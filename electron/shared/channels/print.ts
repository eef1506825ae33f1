import { z } from 'zod';
import { channel, platformChannel } from '../channel';
import { documentData } from '../schemas/notices';

export const printJobId = z.string().regex(/^[0-9a-f-]{36}$/, 'v.invalid');

/**
 * Printing goes through a staged job: the renderer stages the documents it got from
 * `notices:print`, then asks the host to print or save the job; the host renders the print
 * route (`#/print/<jobId>`) in a hidden window, which fetches the job with `print:job`.
 */
export const printChannels = {
  'print:stage': channel(
    z.object({ documents: z.array(documentData).min(1).max(2000) }),
    z.object({ jobId: printJobId }),
    'notices.print',
  ),
  'print:job': channel(
    z.object({ jobId: printJobId }),
    z.object({ documents: z.array(documentData) }),
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
    'notices.print',
  ),
  'print:system': platformChannel(
    z.object({ jobId: printJobId }),
    z.object({ printed: z.boolean() }),
    'notices.print',
  ),
} as const;
