import { useState } from 'react';
import type { VisitStatus } from '../../../../electron/shared/schemas/planning';
import { useChannel } from '../../components/useChannel';

export interface CalendarFilter {
  staffIds: number[];
  township: string;
  showClosed: boolean;
}

/** Visits that still happen or happened; cancelled and rescheduled ones only on request. */
const liveStatuses: VisitStatus[] = ['planned', 'notified', 'done', 'not_done'];

/**
 * The visits, leave and holidays of the range the calendar shows, reloaded when the range,
 * the filter or `version` (bumped after every change) moves. Answers to an older request are
 * dropped, so quick paging never shows the wrong month.
 */
export function useCalendarData(
  range: { from: string; to: string } | null,
  filter: CalendarFilter,
  version: number,
) {
  const [townships, setTownships] = useState<string[]>([]);
  const township = filter.township.trim();
  const visits = useChannel(
    'planning:calendar',
    range && {
      from: range.from,
      to: range.to,
      ...(filter.staffIds.length ? { staffIds: filter.staffIds } : {}),
      ...(township ? { township } : {}),
      ...(filter.showClosed ? {} : { statuses: liveStatuses }),
    },
    {
      version,
      // A visit planned or moved at another desk shows without paging away and back.
      live: true,
      // Townships seen so far feed the filter's suggestions.
      onData: (answer) =>
        setTownships((known) =>
          [...new Set([...known, ...answer.visits.map((v) => v.township).filter(Boolean)])].sort(),
        ),
    },
  );
  // The days only shade the calendar: if they cannot be read, the visits' read has told why.
  const holidays = useChannel('planning:holidays', range && { from: range.from, to: range.to }, {
    version,
    failure: 'quiet',
  });
  return { calendar: visits.data, holidays: holidays.data, townships };
}
