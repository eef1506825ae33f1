import { channelCase } from '../channel-case';

/** The monthly branch summary: every KPI, per officer, roll rates, comparisons. */
export default channelCase({
  name: 'monthly summary',
  about:
    'reports:summary for the month before the branch date (all figures, per officer, roll-rate matrix)',
  channel: 'reports:summary',
  needs: ['visits', 'loan_snapshots', 'payments'],
  target: { figure: 'median', maxMs: 1000 },
  // Issue 19: under 1 s at 1,000,000 visits on PostgreSQL too.
  postgres: { target: { figure: 'median', maxMs: 1000 } },
  iterations: 5,
  warmup: 1,
  inputs: ({ branch }) => {
    const [y, m] = branch.asOf.split('-').map(Number) as [number, number];
    const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    return [{ month: prev }];
  },
});
