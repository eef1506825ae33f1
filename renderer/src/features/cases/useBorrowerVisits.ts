import type { CalendarRow } from '../../../../electron/shared/schemas/planning';
import type { ComplaintVisitOption } from '../../../../electron/shared/schemas/complaints';
import { todayIso } from '../../components/format';
import { useChannel } from '../../components/useChannel';

/** The calendar reads at most 62 days at once: today and the 61 after it. */
const AHEAD_DAYS = 61;

const addDays = (iso: string, days: number) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

const open = (status: string) => status === 'planned' || status === 'notified';

/**
 * This borrower's visits the case page can act on, from channels that exist: the planned ones
 * still ahead (their visit notices; the branch calendar of the next two months, kept to this
 * borrower) and the ones whose day has come without a result (a payment taken on a visit is
 * recorded with its result; `complaints:visits` lists a borrower's visits up to today).
 * `version` reads both again after a change.
 */
export function useBorrowerVisits(
  borrowerId: number,
  options: { upcoming: boolean; awaiting: boolean; version?: number },
) {
  const today = todayIso();
  const calendar = useChannel(
    'planning:calendar',
    options.upcoming
      ? {
          from: today,
          to: addDays(today, AHEAD_DAYS),
          statuses: ['planned', 'notified'],
        }
      : null,
    { failure: 'quiet', version: options.version ?? 0 },
  );
  const past = useChannel('complaints:visits', options.awaiting ? { borrowerId } : null, {
    failure: 'quiet',
    version: options.version ?? 0,
  });
  const upcoming: CalendarRow[] = (calendar.data?.visits ?? [])
    .filter((v) => v.borrowerId === borrowerId)
    .sort((a, b) => `${a.date} ${a.start}`.localeCompare(`${b.date} ${b.start}`));
  // Newest first, as the channel gives them: the latest visit is the one to record.
  const awaiting: ComplaintVisitOption[] = (past.data ?? []).filter((v) => open(v.status));
  const reload = () => {
    calendar.reload();
    past.reload();
  };
  return { upcoming, awaiting, reload };
}
