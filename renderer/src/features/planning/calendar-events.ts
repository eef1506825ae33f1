import type { EventInput } from '@fullcalendar/core';
import type { z } from 'zod';
import type {
  CalendarRow,
  calendarOutput,
  holidaysOutput,
  VisitStatus,
} from '../../../../electron/shared/schemas/planning';
import type { StaffRow } from '../../../../electron/shared/schemas/staff';
import { localParts } from '../../components/format';
import { listJoin, type TextLang } from '../../components/punctuation';

/** From the core's calendar answer to FullCalendar events: visits, leave and holidays. */

export type ColourBy = 'officer' | 'status';

/** Distinct, print-safe colours; officers take them in staff-number order. */
const officerPalette = [
  '#1565c0',
  '#2e7d32',
  '#c62828',
  '#6a1b9a',
  '#ef6c00',
  '#00838f',
  '#ad1457',
  '#4e342e',
  '#283593',
  '#558b2f',
];

export const statusColours: Record<VisitStatus, string> = {
  planned: '#1565c0',
  notified: '#00838f',
  done: '#2e7d32',
  not_done: '#ef6c00',
  cancelled: '#9e9e9e',
  rescheduled: '#8e24aa',
};

/** The colour of staff the palette does not know (left since, or not yet loaded). */
export const noColour = '#757575';

/** One member of a visit's team as the calendar shows them: name and colour. */
export interface TeamMember {
  id: number;
  name: string;
  colour: string;
}

/** Everyone on a visit, in the plan's order, each with their colour. */
export function visitTeam(
  staffIds: readonly number[],
  officers: Map<number, string>,
  staffNames: Map<number, string>,
): TeamMember[] {
  return staffIds.map((id) => ({
    id,
    name: staffNames.get(id) ?? `#${id}`,
    colour: officers.get(id) ?? noColour,
  }));
}

export function officerColours(staff: readonly StaffRow[]): Map<number, string> {
  const sorted = [...staff].sort((a, b) => a.staffNo.localeCompare(b.staffNo));
  return new Map(sorted.map((s, i) => [s.id, officerPalette[i % officerPalette.length]!]));
}

/** Only planned and notified visits can still be moved; the rest are history. */
const movable = (row: CalendarRow) => row.status === 'planned' || row.status === 'notified';

export function visitEvents(
  rows: readonly CalendarRow[],
  options: {
    colourBy: ColourBy;
    officers: Map<number, string>;
    staffNames: Map<number, string>;
    canEdit: boolean;
    lang: TextLang;
  },
): EventInput[] {
  return rows.map((row) => {
    const team = visitTeam(row.staffIds, options.officers, options.staffNames);
    // The block takes the first officer's colour (the one listed first on the plan); the team
    // shows on it as a dot of every officer's colour and their names (VisitEventContent).
    const colour =
      options.colourBy === 'status' ? statusColours[row.status] : (team[0]?.colour ?? noColour);
    const staff = listJoin(
      team.map((m) => m.name),
      options.lang,
    );
    return {
      id: `visit-${row.id}`,
      title: `${row.borrowerName} · ${row.village || row.township}`,
      start: `${row.date}T${row.start}:00`,
      end: `${row.date}T${row.end}:00`,
      allDay: false,
      backgroundColor: colour,
      borderColor: row.awaitingApproval ? '#f9a825' : colour,
      textColor: '#fff',
      editable: options.canEdit && movable(row),
      classNames: [
        `visit-status-${row.status}`,
        ...(row.awaitingApproval ? ['visit-awaiting-approval'] : []),
        ...(row.overridden ? ['visit-overridden'] : []),
      ],
      extendedProps: { kind: 'visit', visitId: row.id, staff, team, row },
    };
  });
}

export function leaveEvents(
  leave: z.infer<typeof calendarOutput>['leave'],
  staffNames: Map<number, string>,
  label: (name: string) => string,
  lang: TextLang,
): EventInput[] {
  // One background band per day, naming everyone on leave, so overlapping bands stay readable.
  const byDate = new Map<string, string[]>();
  for (const l of leave) {
    const names = byDate.get(l.date) ?? [];
    names.push(staffNames.get(l.staffId) ?? `#${l.staffId}`);
    byDate.set(l.date, names);
  }
  return [...byDate].map(([date, names]) => ({
    id: `leave-${date}`,
    title: label(listJoin(names, lang)),
    start: date,
    allDay: true,
    display: 'background',
    backgroundColor: '#ffe0b2',
    classNames: ['calendar-leave'],
    extendedProps: { kind: 'leave' },
  }));
}

export function holidayEvents(
  holidays: z.infer<typeof holidaysOutput>,
  lang: 'zh' | 'en',
  labels: { workday: string; rest: string },
): EventInput[] {
  return holidays.days
    .filter((d) => d.kind === 'holiday' || d.swapWorkday || d.source === 'branch')
    .map((d) => {
      const title =
        d.kind === 'holiday'
          ? (d.name?.[lang] ?? '')
          : d.kind === 'workday'
            ? labels.workday
            : labels.rest;
      return {
        id: `day-${d.date}`,
        title,
        start: d.date,
        allDay: true,
        display: 'background',
        backgroundColor:
          d.kind === 'holiday' ? '#ffcdd2' : d.kind === 'workday' ? '#c8e6c9' : '#eeeeee',
        classNames: [`calendar-day-${d.kind}`],
        extendedProps: { kind: 'day' },
      };
    });
}

/** The inclusive last day of a FullCalendar range, whose end is exclusive (FullCalendar works in local time). */
export function lastDayOf(rangeEnd: Date): string {
  return localParts(new Date(rangeEnd.getTime() - 1)).date;
}
