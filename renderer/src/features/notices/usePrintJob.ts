import { useCallback, useState } from 'react';
import type { DocumentData } from '../../../../electron/shared/schemas/notices';
import { call } from '../../api';

export type PrintTarget = 'printer' | 'pdf';

export type PrintJobResult =
  { to: 'pdf'; file: string | null; pages: number } | { to: 'printer'; printed: boolean };

/**
 * Hands documents already assembled (and logged) by `notices:print` or `notices:reprint` to
 * the host: stage them as a print job, then save it as PDF or open the system print dialog.
 * `busy` covers the whole run, so a screen can show progress and block a second click.
 */
export function usePrintJob() {
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (
      assemble: () => Promise<DocumentData[]>,
      to: PrintTarget,
      fileName: string,
    ): Promise<PrintJobResult> => {
      setBusy(true);
      try {
        const documents = await assemble();
        const { jobId } = await call('print:stage', { documents });
        if (to === 'pdf') {
          const saved = await call('print:savePdf', { jobId, fileName });
          return { to, file: saved.file, pages: saved.pages };
        }
        const done = await call('print:system', { jobId });
        return { to, printed: done.printed };
      } finally {
        setBusy(false);
      }
    },
    [],
  );
  return { busy, run };
}
