import { channelCase } from '../channel-case';

/** The calendar's month view: a month of visits with their staff, from a million. */
export default channelCase({
  name: 'calendar month',
  about: 'planning:calendar for one month (visits with staff and borrower, among 1,000,000)',
  channel: 'planning:calendar',
  needs: ['visits'],
  target: { figure: 'median', maxMs: 50 },
  iterations: 30,
  warmup: 3,
  check: (data) => {
    if (((data as { visits?: unknown[] }).visits ?? []).length === 0)
      throw new Error('no visits in the month');
  },
  inputs: ({ branch }) => {
    const month = branch.asOf.slice(0, 7);
    return [{ from: `${month}-01`, to: `${month}-28` }];
  },
});
