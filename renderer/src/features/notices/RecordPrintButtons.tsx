import PrintIcon from '@mui/icons-material/Print';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { Box, Button, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanStatus } from '../../../../electron/shared/schemas/records';
import type { PlanRow, ReceiptRow } from '../../../../electron/shared/schemas/records-views';
import { useCan } from '../../app/session';
import { DocumentPrintDialog } from './DocumentPrintDialog';

/**
 * Print actions for what a visit record set in motion: the receipt for money taken on the visit
 * and the agreement of a repayment plan the manager approved. Both open the print dialog, which
 * previews, prints through the system dialog or saves a PDF through the staged print job.
 * Shown to roles with 'notices.print' only.
 */

export function PrintReceiptButton({
  receipt,
}: {
  receipt: Pick<ReceiptRow, 'id' | 'receiptNo' | 'visitId'>;
}) {
  const { t } = useTranslation();
  const canPrint = useCan('notices.print');
  const [open, setOpen] = useState(false);
  if (!canPrint) return null;
  return (
    <>
      <Button size="small" startIcon={<ReceiptLongIcon />} onClick={() => setOpen(true)}>
        {t('notices.record.printReceipt')}
      </Button>
      {open && (
        <DocumentPrintDialog
          open
          onClose={() => setOpen(false)}
          title={t('notices.record.receiptTitle', { no: receipt.receiptNo })}
          request={{ kind: 'paymentReceipt', receiptId: receipt.id }}
          fileName={`receipt-${receipt.receiptNo}`}
          printedBefore={{ kind: 'paymentReceipt', visitId: receipt.visitId }}
        />
      )}
    </>
  );
}

/** Approved plans, and the completed or broken ones that were approved before. */
const agreed: readonly PlanStatus[] = ['approved', 'completed', 'broken'];

export function PrintAgreementButton({ plan }: { plan: PlanRow }) {
  const { t } = useTranslation();
  const canPrint = useCan('notices.print');
  const [open, setOpen] = useState(false);
  if (!canPrint) return null;
  if (plan.status === 'proposed') {
    return (
      <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
        <Button size="small" startIcon={<PrintIcon />} disabled>
          {t('notices.record.printAgreement')}
        </Button>
        <Typography variant="caption" color="text.secondary">
          {t('notices.record.agreementAfterApproval')}
        </Typography>
      </Box>
    );
  }
  if (!agreed.includes(plan.status)) return null;
  return (
    <>
      <Button size="small" startIcon={<PrintIcon />} onClick={() => setOpen(true)}>
        {t('notices.record.printAgreement')}
      </Button>
      {open && (
        <DocumentPrintDialog
          open
          onClose={() => setOpen(false)}
          title={t('notices.record.agreementTitle', { name: plan.borrowerName })}
          request={{ kind: 'repaymentPlanAgreement', planId: plan.id }}
          fileName={`plan-agreement-${plan.id}`}
          printedBefore={{ kind: 'repaymentPlanAgreement', visitId: plan.visitId }}
        />
      )}
    </>
  );
}
