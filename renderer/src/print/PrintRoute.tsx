import { useEffect, useState } from 'react';
import type { PrintableDocument } from '../../../electron/shared/channels/print';
import { CashHandInSheet } from './CashHandInSheet';
import { DayRouteSheet } from './DayRouteSheet';
import { DemandLetter, ReminderLetter } from './Letters';
import { MonthlyReport } from './MonthlyReport';
import { PaymentReceipt } from './PaymentReceipt';
import { RepaymentPlanAgreement } from './RepaymentPlanAgreement';
import { VisitNotice } from './VisitNotice';
import { WaiverAgreement } from './WaiverAgreement';
import './print.css';

/** One document, in the layout of its kind. */
export function PrintDocument({ doc }: { doc: PrintableDocument }) {
  switch (doc.kind) {
    case 'visitNotice':
      return <VisitNotice doc={doc} />;
    case 'reminderLetter':
      return <ReminderLetter doc={doc} />;
    case 'demandLetter':
      return <DemandLetter doc={doc} />;
    case 'paymentReceipt':
      return <PaymentReceipt doc={doc} />;
    case 'repaymentPlanAgreement':
      return <RepaymentPlanAgreement doc={doc} />;
    case 'dayRouteSheet':
      return <DayRouteSheet doc={doc} />;
    case 'monthlyReport':
      return <MonthlyReport doc={doc} />;
    case 'cashHandInSheet':
      return <CashHandInSheet doc={doc} />;
    case 'waiverAgreement':
      return <WaiverAgreement doc={doc} />;
  }
}

/**
 * The print route: N documents, one per page, in the order given (a day's batch is one
 * route). Main (or the end-to-end test) mounts it, feeds it the documents from
 * `notices:print`, waits for `data-print-ready="true"` on the root and prints or saves PDF.
 */
export function PrintRoute({
  documents,
  onReady,
}: {
  documents: readonly PrintableDocument[];
  onReady?: () => void;
}) {
  const [ready, setReady] = useState<readonly PrintableDocument[] | null>(null);
  useEffect(() => {
    // Fonts decide line breaks and page breaks: print only after they are in.
    let cancelled = false;
    const fonts = typeof document !== 'undefined' ? document.fonts : undefined;
    void (fonts?.ready ?? Promise.resolve()).then(() => {
      if (cancelled) return;
      setReady(documents);
      onReady?.();
    });
    return () => {
      cancelled = true;
    };
  }, [documents, onReady]);
  return (
    <div
      className="print-root"
      data-print-ready={ready === documents ? 'true' : 'false'}
      data-documents={documents.length}
    >
      {documents.map((doc, index) => (
        <PrintDocument key={`${index}-${doc.referenceNo}`} doc={doc} />
      ))}
    </div>
  );
}
