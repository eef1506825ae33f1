import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type {
  calendarOutput,
  holidaysOutput,
  VisitStatus,
} from '../../../../electron/shared/schemas/planning';
import { call } from '../../api';
import { errorMessage } from '../../components/forms';
import { useToast } from '../../components/Toasts';

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
  const { t } = useTranslation();
  const toast = useToast();
  const [calendar, setCalendar] = useState<z.infer<typeof calendarOutput> | null>(null);
  const [holidays, setHolidays] = useState<z.infer<typeof holidaysOutput> | null>(null);
  const [townships, setTownships] = useState<string[]>([]);
  const ticket = useRef(0);
  const from = range?.from;
  const to = range?.to;
  const staffKey = filter.staffIds.join(',');
  const township = filter.township.trim();
  const { showClosed } = filter;

  useEffect(() => {
    if (!from || !to) return;
    const mine = ++ticket.current;
    const staffIds = staffKey ? staffKey.split(',').map(Number) : [];
    Promise.all([
      call('visits:calendar', {
        from,
        to,
        ...(staffIds.length ? { staffIds } : {}),
        ...(township ? { township } : {}),
        ...(showClosed ? {} : { statuses: liveStatuses }),
      }),
      call('planning:holidays', { from, to }),
    ])
      .then(([visits, days]) => {
        if (mine !== ticket.current) return;
        setCalendar(visits);
        setHolidays(days);
        // Townships seen so far feed the filter's suggestions.
        setTownships((known) =>
          [...new Set([...known, ...visits.visits.map((v) => v.township).filter(Boolean)])].sort(),
        );
      })
      .catch((error: unknown) => mine === ticket.current && toast(errorMessage(error, t), 'error'));
  }, [from, to, staffKey, township, showClosed, version, toast, t]);

  return { calendar, holidays, townships };
}
