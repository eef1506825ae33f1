import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../electron/shared/money';
import type { LoanView } from '../../../../electron/shared/schemas/cases';
import { BucketChip, TierChip } from './CaseChips';

const money = [
  'principalFen',
  'outstandingPrincipalFen',
  'overduePrincipalFen',
  'overdueInterestFen',
  'penaltyFen',
] as const;
const moneyLabels: Record<(typeof money)[number], string> = {
  principalFen: 'cases.loan.principal',
  outstandingPrincipalFen: 'cases.loan.outstanding',
  overduePrincipalFen: 'cases.loan.overduePrincipal',
  overdueInterestFen: 'cases.loan.overdueInterest',
  penaltyFen: 'cases.loan.penalty',
};

/** The borrower's loans; amounts in yuan with two decimals, overdue columns in one place. */
export function LoansTab({ loans }: { loans: LoanView[] }) {
  const { t } = useTranslation();
  if (loans.length === 0) {
    return <Typography color="text.secondary">{t('cases.loan.empty')}</Typography>;
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={t('cases.case.tab.loans')}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('cases.loan.no')}</TableCell>
            <TableCell>{t('cases.loan.product')}</TableCell>
            {money.map((m) => (
              <TableCell key={m} align="right">
                {t(moneyLabels[m])}
              </TableCell>
            ))}
            <TableCell>{t('cases.loan.overdueSince')}</TableCell>
            <TableCell align="right">{t('cases.loan.dpd')}</TableCell>
            <TableCell>{t('cases.loan.bucket')}</TableCell>
            <TableCell>{t('cases.tier')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {loans.map((loan) => (
            <TableRow key={loan.id}>
              <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
                {loan.loanNo}
              </TableCell>
              <TableCell>
                {loan.product}
                {loan.status !== 'active' && (
                  <Typography variant="caption" color="text.secondary" component="div">
                    {t(`cases.loan.status.${loan.status}`)}
                  </Typography>
                )}
              </TableCell>
              {money.map((m) => (
                <TableCell key={m} align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {formatFen(loan[m])}
                </TableCell>
              ))}
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{loan.overdueSince ?? '—'}</TableCell>
              <TableCell align="right">{loan.dpd}</TableCell>
              <TableCell>
                <BucketChip bucket={loan.bucket} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {loan.classification ? (
                  <TierChip tier={loan.classification} />
                ) : (
                  t('cases.tier.none')
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
