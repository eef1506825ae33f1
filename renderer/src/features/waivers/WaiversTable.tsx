import {
  Box,
  Button,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan as yuan } from '../../../../electron/shared/money';
import type { WaiverRow, WaiverStatus } from '../../../../electron/shared/schemas/waivers';
import { withAside } from '../../components/punctuation';
import { useTextLang } from '../../components/text-lang';
import { CaseLink } from '../records/links';
import { WaiverDecisionDialog, type WaiverDecision } from './WaiverDecisionDialog';
import { WaiverPrintButton } from './WaiverPrintButton';

const statusColour: Record<WaiverStatus, 'default' | 'success' | 'error' | 'warning' | 'info'> = {
  proposed: 'info',
  first_approved: 'info',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
  lapsed: 'warning',
};

/**
 * Proposals with their amounts, who proposed and who approved, and the buttons the signed-in
 * person may use on each (the core says which: the two-approval rule is its to apply).
 */
export function WaiversTable(props: {
  waivers: readonly WaiverRow[];
  label: string;
  /** The tasks page lists several borrowers: their names lead each row. */
  showBorrower?: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const lang = useTextLang();
  // The settlement's columns only when the list has one.
  const settles = props.waivers.some((w) => w.settlePayFen !== null);
  const [deciding, setDeciding] = useState<{
    waiver: WaiverRow;
    decision: WaiverDecision;
  } | null>(null);
  return (
    <>
      <TableContainer>
        <Table
          size="small"
          aria-label={props.label}
          // Short facts stay on one line; the kind, the reason and the headings wrap. Dates go
          // on a line of their own and the cells are padded less, so that at 1366 px the status
          // and the buttons under it stay on screen, a settlement's columns included.
          sx={{
            '& td': { whiteSpace: 'nowrap' },
            '& td.wrap': { whiteSpace: 'normal' },
            '& th': { verticalAlign: 'bottom' },
            '& .MuiTableCell-root': { px: 1 },
            '& .MuiTableCell-root:first-of-type': { pl: 2 },
          }}
        >
          <TableHead>
            <TableRow>
              {props.showBorrower && <TableCell>{t('waivers.col.borrower')}</TableCell>}
              <TableCell>{t('waivers.col.loan')}</TableCell>
              <TableCell>{t('waivers.col.kind')}</TableCell>
              <TableCell align="right">{t('waivers.col.owed')}</TableCell>
              <TableCell align="right">{t('waivers.col.waived')}</TableCell>
              {settles && <TableCell>{t('waivers.col.pay')}</TableCell>}
              <TableCell>{t('waivers.col.reason')}</TableCell>
              <TableCell>{t('waivers.col.proposedBy')}</TableCell>
              <TableCell>{t('waivers.col.approvals')}</TableCell>
              <TableCell>{t('waivers.col.status')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {props.waivers.map((w) => (
              <TableRow key={w.id} data-testid={`waiver-${w.id}`}>
                {props.showBorrower && (
                  <TableCell>
                    <CaseLink id={w.borrowerId} name={w.borrowerName} />
                  </TableCell>
                )}
                <TableCell>{w.loanNo}</TableCell>
                <TableCell className="wrap">{t(`waivers.kind.${w.kind}`)}</TableCell>
                <TableCell align="right">{yuan(w.owedFen)}</TableCell>
                <TableCell align="right">{yuan(w.waivedFen)}</TableCell>
                {settles && (
                  <TableCell>
                    {w.settlePayFen === null ? (
                      '—'
                    ) : (
                      <>
                        <div>{yuan(w.settlePayFen)}</div>
                        <div>{w.payBy}</div>
                      </>
                    )}
                  </TableCell>
                )}
                <TableCell className="wrap" sx={{ minWidth: 140, maxWidth: 280 }}>
                  {w.reason}
                  {w.closeReason && (w.status === 'rejected' || w.status === 'withdrawn')
                    ? ` — ${w.closeReason}`
                    : ''}
                </TableCell>
                <TableCell>
                  <div>{w.proposedBy.name}</div>
                  <div>{w.proposedOn}</div>
                </TableCell>
                <TableCell>
                  {w.approvals.length === 0
                    ? '—'
                    : w.approvals.map((a) => (
                        <div key={a.staffId}>
                          <div>{withAside(a.name, t(`waivers.role.${a.role}`), lang)}</div>
                          <div>{a.day}</div>
                        </div>
                      ))}
                </TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    label={t(`waivers.status.${w.status}`)}
                    color={statusColour[w.status]}
                  />
                  {/* What the signed-in person may do, under the status: the table stays narrow. */}
                  <Box sx={{ ml: -0.75 }}>
                    {w.mayApprove && (
                      <Button
                        size="small"
                        onClick={() => setDeciding({ waiver: w, decision: 'approve' })}
                      >
                        {t('waivers.approve')}
                      </Button>
                    )}
                    {w.mayReject && (
                      <Button
                        size="small"
                        color="error"
                        onClick={() => setDeciding({ waiver: w, decision: 'reject' })}
                      >
                        {t('waivers.reject')}
                      </Button>
                    )}
                    {w.mayWithdraw && (
                      <Button
                        size="small"
                        color="inherit"
                        onClick={() => setDeciding({ waiver: w, decision: 'withdraw' })}
                      >
                        {t('waivers.withdraw')}
                      </Button>
                    )}
                    <WaiverPrintButton waiver={w} />
                  </Box>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {deciding && (
        <WaiverDecisionDialog
          waiver={deciding.waiver}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            props.onChanged();
          }}
        />
      )}
    </>
  );
}
