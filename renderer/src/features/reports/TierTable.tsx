import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { isNonPerforming } from '../../../../electron/shared/classification';
import { formatYuan } from '../../../../electron/shared/money';
import type { TierRows } from '../../../../electron/shared/schemas/reports';
import { showRate } from './parts';

/**
 * Balances by the bank's five-tier classification at the month's end, beside the buckets of
 * the roll-rate matrix: per tier its loans, principal and share of the principal, then the
 * total and the non-performing part (次级, 可疑, 损失). A month closed before it says so.
 */
export function TierTable(props: { tiers: TierRows | null; monthEnd: string }) {
  const { t } = useTranslation();
  const { tiers } = props;
  if (tiers === null) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="tier-table">
        {t('reports.tiers.notKept')}
      </Typography>
    );
  }
  const totalFen = tiers.reduce((sum, r) => sum + r.balanceFen, 0);
  const total = {
    loans: tiers.reduce((sum, r) => sum + r.loans, 0),
    balanceFen: totalFen,
  };
  const bad = tiers.filter((r) => r.tier !== 'none' && isNonPerforming(r.tier));
  const nonPerforming = {
    loans: bad.reduce((sum, r) => sum + r.loans, 0),
    balanceFen: bad.reduce((sum, r) => sum + r.balanceFen, 0),
  };
  const line = (
    key: string,
    label: string,
    r: { loans: number; balanceFen: number },
    strong = false,
  ) => (
    <tr key={key} style={strong ? { fontWeight: 600 } : undefined}>
      <th scope="row" style={{ textAlign: 'left' }}>
        {label}
      </th>
      <td>{r.loans}</td>
      <td>{formatYuan(r.balanceFen)}</td>
      <td>{showRate({ num: r.balanceFen, den: totalFen })}</td>
    </tr>
  );
  return (
    <Box
      component="table"
      sx={{
        borderCollapse: 'collapse',
        '& td, & th': { border: 1, borderColor: 'divider', px: 1, py: 0.5, textAlign: 'right' },
      }}
      data-testid="tier-table"
    >
      <caption style={{ captionSide: 'bottom', textAlign: 'left' }}>
        <Typography variant="caption">
          {t('reports.tiers.caption', { date: props.monthEnd })}
        </Typography>
      </caption>
      <thead>
        <tr>
          <th scope="col" style={{ textAlign: 'left' }}>
            {t('cases.tier')}
          </th>
          <th scope="col">{t('reports.tiers.loans')}</th>
          <th scope="col">{t('reports.tiers.balance')}</th>
          <th scope="col">{t('reports.tiers.share')}</th>
        </tr>
      </thead>
      <tbody>
        {tiers.map((r) => line(r.tier, t(`cases.tier.${r.tier}`), r))}
        {line('total', t('reports.tiers.total'), total, true)}
        {line('npl', t('reports.tiers.nonPerforming'), nonPerforming)}
      </tbody>
    </Box>
  );
}
