import { addMonths } from '../../../electron/core/reports/month';
import type { DrilldownOutput } from '../../../electron/shared/schemas/reports';
import { channelCase } from '../channel-case';

/**
 * The heaviest list behind a summary figure: the roll-rate matrix's loans, branch-wide (every
 * loan with a snapshot by the 1st, its start and end bucket and balance; the first 500 rows
 * sent, the total counted). The other loan lists (overdue at start, cured) walk the same loans;
 * visit, promise, payment and plan lists read one month's rows through an index.
 * The 200 ms target is the threshold this case was written for; issue 9 names none for
 * drill-downs.
 */
export default channelCase({
  name: 'drilldown roll rate',
  about:
    'reports:drilldown of the roll-rate matrix for the month before the branch date (120,000 loans, first 500 rows and the total)',
  channel: 'reports:drilldown',
  needs: ['loans', 'loan_snapshots'],
  target: { figure: 'median', maxMs: 200 },
  iterations: 20,
  warmup: 2,
  check: (data) => {
    const list = data as DrilldownOutput;
    if (list.total === 0 || list.rows.length !== Math.min(list.total, 500))
      throw new Error(
        `expected loans behind the roll rates, got ${list.rows.length}/${list.total}`,
      );
  },
  inputs: ({ branch }) => [{ month: addMonths(branch.asOf.slice(0, 7), -1), figure: 'rollRate' }],
});
