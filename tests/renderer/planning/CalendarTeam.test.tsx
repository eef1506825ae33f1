import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CalendarRow } from '../../../electron/shared/schemas/planning';
import type { StaffRow } from '../../../electron/shared/schemas/staff';
import { CalendarFilters } from '../../../renderer/src/features/planning/CalendarFilters';
import {
  officerColours,
  visitEvents,
  type TeamMember,
} from '../../../renderer/src/features/planning/calendar-events';
import { VisitEventContent } from '../../../renderer/src/features/planning/CalendarView';
import { renderAs } from '../support';

/** The calendar shows everyone on a visit, not only the first officer: colour, names, legend. */

const staffRow = (id: number, staffNo: string, name: string): StaffRow => ({
  id,
  staffNo,
  name,
  role: 'officer',
  phone: '',
  active: true,
  hasAccount: false,
  certificates: [],
  certified: true,
  certificateExpiringSoon: false,
  upcomingLeave: [],
});
const staff = [
  staffRow(2, 'C001', '李明'),
  staffRow(3, 'C002', '赵芳'),
  staffRow(4, 'C003', '孙强'),
];
const colours = officerColours(staff);
const names = new Map(staff.map((s) => [s.id, s.name]));

const pairVisit: CalendarRow = {
  id: 11,
  date: '2026-05-12',
  start: '10:00',
  end: '11:00',
  status: 'planned',
  purpose: 'reminder',
  borrowerId: 7,
  borrowerName: '张三',
  township: '石桥镇',
  village: '东村',
  staffIds: [3, 2],
  noticeStatus: 'none',
  awaitingApproval: false,
  overridden: false,
};

const hex = (colour: string) => {
  const n = parseInt(colour.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
};

describe('a two-officer visit on the calendar', () => {
  it("carries both officers, in the plan's order, each with their own colour", () => {
    const [event] = visitEvents([pairVisit], {
      colourBy: 'officer',
      officers: colours,
      staffNames: names,
      canEdit: true,
      lang: 'zh',
    });
    const team = event!.extendedProps!.team as TeamMember[];
    expect(team.map((m) => m.name)).toEqual(['赵芳', '李明']);
    expect(team[0]!.colour).not.toBe(team[1]!.colour);
    expect(team.map((m) => m.colour)).toEqual([colours.get(3), colours.get(2)]);
    // The block takes the first officer's colour; the hover text names both.
    expect(event!.backgroundColor).toBe(colours.get(3));
    expect(event!.extendedProps!.staff).toBe('赵芳、李明');
  });

  it('shows both names, each behind a dot of their colour, in the week and month views', () => {
    const [event] = visitEvents([pairVisit], {
      colourBy: 'status',
      officers: colours,
      staffNames: names,
      canEdit: true,
      lang: 'zh',
    });
    const team = event!.extendedProps!.team as TeamMember[];
    const { unmount } = renderAs(
      'officer',
      <VisitEventContent timeText="10:00 - 11:00" title="张三 · 东村" team={team} />,
    );
    const shown = screen.getByTestId('visit-team');
    expect(shown).toHaveTextContent('赵芳');
    expect(shown).toHaveTextContent('李明');
    const dots = [...shown.querySelectorAll<HTMLElement>('[data-colour]')];
    expect(dots.map((d) => d.dataset.colour)).toEqual([colours.get(3), colours.get(2)]);
    expect(getComputedStyle(dots[1]!).backgroundColor).toBe(hex(colours.get(2)!));
    unmount();

    renderAs(
      'officer',
      <VisitEventContent timeText="10:00" title="张三 · 东村" team={team} inline />,
    );
    const line = screen.getByTestId('visit-team');
    expect(line).toHaveTextContent('张三 · 东村 · 赵芳、李明');
    expect(line.querySelectorAll('[data-colour]')).toHaveLength(2);
  });

  it('gives the second officer of a pair a legend entry too', () => {
    renderAs(
      'officer',
      <CalendarFilters
        staff={staff}
        filter={{ staffIds: [], township: '', showClosed: false }}
        onFilter={() => {}}
        colourBy="officer"
        onColourBy={() => {}}
        townships={[]}
        officerColours={colours}
        shownStaffIds={new Set(pairVisit.staffIds)}
      />,
    );
    const legend = screen.getByLabelText('图例');
    const entries = within(legend).getAllByTestId('legend-officer');
    expect(entries.map((e) => e.textContent)).toEqual(['李明（C001）', '赵芳（C002）']);
    expect(within(legend).queryByText(/孙强/)).not.toBeInTheDocument();
  });
});
