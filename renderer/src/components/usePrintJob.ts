import type { DocumentData } from '../../../electron/shared/schemas/notices';
import { call } from '../api';
import { useAction, type ActionOptions } from './useAction';

export type PrintTarget = 'printer' | 'pdf';

export type PrintJobResult =
  { to: 'pdf'; file: string | null; pages: number } | { to: 'printer'; printed: boolean };

export interface PrintRequest {
  /** Numbers and logs the documents (`notices:print` or `notices:reprint`). */
  assemble: () => Promise<DocumentData[]>;
  to: PrintTarget;
  fileName: string;
}

/**
 * Hands documents already assembled (and logged) by `notices:print` or `notices:reprint` to
 * the host: stage them as a print job, then save it as PDF or open the system print dialog.
 * `busy` covers the whole run, so a screen can show progress and block a second click.
 */
export function usePrintJob(options: ActionOptions<PrintRequest, PrintJobResult> = {}) {
  return useAction(async ({ assemble, to, fileName }: PrintRequest): Promise<PrintJobResult> => {
    const documents = await assemble();
    const { jobId } = await call('print:stage', { documents });
    if (to === 'pdf') {
      const saved = await call('print:savePdf', { jobId, fileName });
      return { to, file: saved.file, pages: saved.pages };
    }
    const done = await call('print:system', { jobId });
    return { to, printed: done.printed };
  }, options);
}
