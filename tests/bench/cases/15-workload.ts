import { channelCase } from '../channel-case';

/** The manager's workload view: every officer's cases, month and the village rebalance. */
export default channelCase({
  name: 'workload',
  about:
    'assignments:workload (cases by bucket and balance, visits, open promises, collected vs target per officer; village rebalance)',
  channel: 'assignments:workload',
  needs: ['borrowers', 'visits', 'promises', 'payments', 'assignments'],
  target: { figure: 'median', maxMs: 200 },
  iterations: 10,
  warmup: 2,
  check: (data) => {
    const officers = (data as { officers?: unknown[] }).officers;
    if (!Array.isArray(officers) || officers.length === 0) throw new Error('no officers');
  },
  inputs: () => [{}],
});
