import PrintIcon from '@mui/icons-material/Print';
import ReplayIcon from '@mui/icons-material/Replay';
import {
  Alert,
  Box,
  Button,
  Chip,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CasePage } from '../../../../electron/shared/schemas/cases';
import { documentKindLabels, type PrintLogRow } from '../../../../electron/shared/schemas/notices';
import { formatWhen } from '../../components/format';
import { useTextLang } from '../../components/text-lang';
import { useChannel } from '../../components/useChannel';
import { DocumentPrintDialog } from '../notices/DocumentPrintDialog';
import { PrintAgreementButton, PrintReceiptButton } from '../notices/RecordPrintButtons';
import { useCanCall } from '../../app/session';
import { CaseLetterDialog, ReprintDialog } from './CaseDocumentDialogs';
import { useBorrowerVisits } from './useBorrowerVisits';

type Printing =
  | { kind: 'letter'; letter: 'reminderLetter' | 'demandLetter' }
  | { kind: 'notice'; visitId: number; when: string }
  | { kind: 'reprint'; row: PrintLogRow }
  | null;

/**
 * This borrower's documents. Above, what can be printed for them now: the reminder and demand
 * letters, the notice of each visit still ahead, the receipt of each payment taken on a visit
 * and the agreement of each repayment plan (the notices feature's own print dialogs and
 * buttons). Below, everything printed for them (the print log, newest first), each reprinted
 * as a copy (副本) with its number.
 */
export function NoticesTab({ page, onChanged }: { page: CasePage; onChanged: () => void }) {
  const { t } = useTranslation();
  const lang = useTextLang();
  const borrowerId = page.borrower.id;
  const canPrint = useCanCall('notices:print');
  const [printing, setPrinting] = useState<Printing>(null);
  const [version, setVersion] = useState(0);
  const log = useChannel('notices:log', { borrowerId, limit: 100 }, { failure: 'inline', version });
  const plans = useChannel('records:plans', canPrint ? { borrowerId } : null, {
    failure: 'quiet',
  }).data;
  const visits = useBorrowerVisits(borrowerId, { upcoming: canPrint, awaiting: false, version });
  const receipts = page.timeline.flatMap((e) =>
    e.type === 'payment' && e.receipt ? [{ ...e.receipt, at: e.at, amountFen: e.amountFen }] : [],
  );

  const printed = () => {
    setVersion((v) => v + 1);
    onChanged();
  };
  const close = () => {
    // A dialog may have printed without saying so (the receipt's and the notice's): read again.
    setPrinting(null);
    setVersion((v) => v + 1);
  };

  const printable: { key: string; kind: ReactNode; about: ReactNode; action: ReactNode }[] =
    canPrint
      ? [
          ...(['reminderLetter', 'demandLetter'] as const).map((letter) => ({
            key: letter,
            kind: documentKindLabels[letter][lang],
            about: t('cases.docs.letterAbout'),
            action: (
              <Button
                size="small"
                startIcon={<PrintIcon />}
                onClick={() => setPrinting({ kind: 'letter', letter })}
                aria-label={`${t('notices.print')} ${documentKindLabels[letter][lang]}`}
              >
                {t('notices.print')}
              </Button>
            ),
          })),
          ...visits.upcoming.map((v) => {
            const when = `${v.date} ${v.start}–${v.end}`;
            return {
              key: `notice-${v.id}`,
              kind: documentKindLabels.visitNotice[lang],
              about: t('cases.docs.noticeAbout', { when }),
              action: (
                <Button
                  size="small"
                  startIcon={<PrintIcon />}
                  onClick={() => setPrinting({ kind: 'notice', visitId: v.id, when })}
                  aria-label={`${t('notices.print')} ${documentKindLabels.visitNotice[lang]} ${when}`}
                >
                  {t('notices.print')}
                </Button>
              ),
            };
          }),
          ...receipts.map((r) => ({
            key: `receipt-${r.id}`,
            kind: documentKindLabels.paymentReceipt[lang],
            about: `${r.receiptNo} · ${formatWhen(r.at)}`,
            action: <PrintReceiptButton receipt={r} />,
          })),
          ...(plans ?? [])
            .filter((p) => p.status !== 'rejected')
            .map((p) => ({
              key: `plan-${p.id}`,
              kind: documentKindLabels.repaymentPlanAgreement[lang],
              about: `${t(`cases.docs.planStatus.${p.status}`)} · ${formatWhen(p.proposedAt)}`,
              action: <PrintAgreementButton plan={p} />,
            })),
        ]
      : [];

  return (
    <Box>
      {canPrint && (
        <>
          <Typography variant="subtitle2" component="h2" sx={{ mb: 1 }}>
            {t('cases.docs.printable')}
          </Typography>
          <Table size="small" aria-label={t('cases.docs.printable')} sx={{ mb: 3 }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('cases.notices.kind')}</TableCell>
                <TableCell>{t('cases.docs.about')}</TableCell>
                <TableCell align="right">{t('cases.docs.action')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {printable.map((row) => (
                <TableRow key={row.key}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.kind}</TableCell>
                  <TableCell>{row.about}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {row.action}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
      <Typography variant="subtitle2" component="h2" sx={{ mb: 1 }}>
        {t('cases.docs.log')}
      </Typography>
      <PrintLog
        rows={log.data}
        failure={log.failure}
        canPrint={canPrint}
        onReprint={(row) => setPrinting({ kind: 'reprint', row })}
      />
      {printing?.kind === 'letter' && (
        <CaseLetterDialog
          request={{ kind: printing.letter, borrowerId }}
          borrowerName={page.borrower.name}
          onClose={close}
          onPrinted={printed}
        />
      )}
      {printing?.kind === 'notice' && (
        <DocumentPrintDialog
          open
          onClose={close}
          title={`${documentKindLabels.visitNotice[lang]} · ${page.borrower.name} · ${printing.when}`}
          request={{ kind: 'visitNotice', visitId: printing.visitId }}
          fileName={`visit-notice-${printing.visitId}`}
          printedBefore={{ kind: 'visitNotice', visitId: printing.visitId }}
        />
      )}
      {printing?.kind === 'reprint' && (
        <ReprintDialog row={printing.row} onClose={close} onPrinted={printed} />
      )}
    </Box>
  );
}

function PrintLog(props: {
  rows: PrintLogRow[] | null;
  failure: string | null;
  canPrint: boolean;
  onReprint: (row: PrintLogRow) => void;
}) {
  const { t } = useTranslation();
  const lang = useTextLang();
  const { rows } = props;
  if (props.failure) return <Alert severity="error">{props.failure}</Alert>;
  if (rows === null) return <LinearProgress aria-label={t('common.loading')} />;
  if (rows.length === 0) {
    return (
      <Alert severity="info" data-testid="case-docs-empty">
        {t(props.canPrint ? 'cases.docs.emptyCanPrint' : 'cases.notices.empty')}
      </Alert>
    );
  }
  return (
    <Table size="small" aria-label={t('cases.docs.log')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('cases.notices.printedAt')}</TableCell>
          <TableCell>{t('cases.notices.kind')}</TableCell>
          <TableCell>{t('cases.notices.referenceNo')}</TableCell>
          <TableCell>{t('cases.notices.staff')}</TableCell>
          {props.canPrint && <TableCell align="right">{t('cases.docs.action')}</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            {/* The branch's wall clock, to the minute. */}
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.printedAtLocal.slice(0, 16)}</TableCell>
            <TableCell>
              {documentKindLabels[row.kind][lang]}
              {row.isCopy && (
                <Chip
                  size="small"
                  variant="outlined"
                  label={t('cases.notices.copy')}
                  sx={{ ml: 1 }}
                />
              )}
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{row.referenceNo}</TableCell>
            <TableCell>
              {row.staffName ?? t('cases.timeline.system')}
              {row.staffNo ? `（${row.staffNo}）` : ''}
            </TableCell>
            {props.canPrint && (
              <TableCell align="right">
                <Button
                  size="small"
                  startIcon={<ReplayIcon />}
                  onClick={() => props.onReprint(row)}
                  aria-label={`${t('cases.docs.reprint')} ${row.referenceNo}`}
                >
                  {t('cases.docs.reprint')}
                </Button>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
