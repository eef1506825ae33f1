import { isNonPerforming } from '../../../electron/shared/classification';
import { formatYuan } from '../../../electron/shared/money';
import type { TierRows } from '../../../electron/shared/schemas/reports';
import { showRate } from '../features/reports/parts';

type T = (key: string, values?: Record<string, unknown>) => string;

/**
 * The printed report's balances by five-tier classification at the month's end, beside the
 * branch's roll-rate matrix (the screen's TierTable on paper): per tier, the total and the
 * non-performing part.
 */
export function PaperTiers(props: { tiers: TierRows | null; monthEnd: string; t: T }) {
  const { tiers, t } = props;
  if (tiers === null) {
    return (
      <p className="muted mr-note" data-testid="paper-tiers">
        {t('reports.tiers.notKept')}
      </p>
    );
  }
  const totalFen = tiers.reduce((sum, r) => sum + r.balanceFen, 0);
  const sum = (rows: TierRows) => ({
    loans: rows.reduce((n, r) => n + r.loans, 0),
    balanceFen: rows.reduce((n, r) => n + r.balanceFen, 0),
  });
  const bad = tiers.filter((r) => r.tier !== 'none' && isNonPerforming(r.tier));
  const line = (key: string, label: string, r: { loans: number; balanceFen: number }) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      <td className="num">{r.loans}</td>
      <td className="num">{formatYuan(r.balanceFen)}</td>
      <td className="num">{showRate({ num: r.balanceFen, den: totalFen })}</td>
    </tr>
  );
  return (
    <div className="mr-keep">
      <h3>{t('reports.tiers.title')}</h3>
      <p className="muted mr-note">{t('reports.tiers.caption', { date: props.monthEnd })}</p>
      <table className="facts compact" data-testid="paper-tiers">
        <thead>
          <tr>
            <th>{t('cases.tier')}</th>
            <th>{t('reports.tiers.loans')}</th>
            <th>{t('reports.tiers.balance')}</th>
            <th>{t('reports.tiers.share')}</th>
          </tr>
        </thead>
        <tbody>
          {tiers.map((r) => line(r.tier, t(`cases.tier.${r.tier}`), r))}
          {line('total', t('reports.tiers.total'), sum(tiers))}
          {line('npl', t('reports.tiers.nonPerforming'), sum(bad))}
        </tbody>
      </table>
    </div>
  );
}
