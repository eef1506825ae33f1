import type {
  DateSelectArg,
  DatesSetArg,
  EventClickArg,
  EventContentArg,
  EventDropArg,
  EventMountArg,
} from '@fullcalendar/core';
import zhCnLocale from '@fullcalendar/core/locales/zh-cn';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type EventResizeDoneArg } from '@fullcalendar/interaction';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import AddIcon from '@mui/icons-material/Add';
import { Box, Button, Card, CardContent, Stack } from '@mui/material';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { call } from '../../api';
import { useCan } from '../../app/session';
import { useToast } from '../../components/Toasts';
import {
  holidayEvents,
  lastDayOf,
  leaveEvents,
  officerColours,
  visitEvents,
  type ColourBy,
  type TeamMember,
} from './calendar-events';
import { CalendarFilters } from './CalendarFilters';
import { PlanVisitDialog, type PlanDraft } from './PlanVisitDialog';
import { TargetsCard } from './TargetsCard';
import { useCalendarData, type CalendarFilter } from './useCalendarData';
import { VisitDialog } from './VisitDialog';
import { refusalText } from './refusals';
import { localParts, todayIso } from '../../components/format';
import { listJoin } from '../../components/punctuation';
import { useStaffList } from '../../components/staff';
import { useTextLang } from '../../components/text-lang';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';
import type { ChannelInput } from '../../../../electron/shared/contract';

const views = ['dayGridMonth', 'timeGridWeek', 'timeGridDay'] as const;

/**
 * Month, week and day views of the branch's visits. Dragging or resizing a visit asks the core
 * to move it (the rules run again); a refused move snaps back and says why. Clicking an empty
 * slot plans a visit there; clicking a visit opens it. `?date=YYYY-MM-DD&view=…` opens a given
 * day, so other screens can link here.
 */
export function CalendarView() {
  const { t } = useTranslation();
  const lang = useTextLang();
  const toast = useToast();
  const canPlan = useCan('visits.plan');
  const [params] = useSearchParams();
  const calendarRef = useRef<FullCalendar>(null);
  const { staff } = useStaffList();
  // The rules only add hints to the calendar; without them it still works.
  const rules = useChannel('planning:rules', {}, { failure: 'quiet' }).data;
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [month, setMonth] = useState(todayIso().slice(0, 7));
  const [filter, setFilter] = useState<CalendarFilter>({
    staffIds: [],
    township: '',
    showClosed: false,
  });
  const [colourBy, setColourBy] = useState<ColourBy>('officer');
  const [version, setVersion] = useState(0);
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  const [openVisit, setOpenVisit] = useState<number | null>(null);
  const { calendar, holidays, townships } = useCalendarData(range, filter, version);
  const changed = () => setVersion((v) => v + 1);

  const viewParam = views.find((v) => v === params.get('view'));
  const dateParam = params.get('date') ?? undefined;
  const [initial] = useState({ view: viewParam ?? 'timeGridWeek', date: dateParam });

  // A link to another day while the calendar is open moves it there.
  useEffect(() => {
    const api = calendarRef.current?.getApi();
    if (!api || (!viewParam && !dateParam)) return;
    // Outside React's commit: FullCalendar renders synchronously when told to move.
    const timer = setTimeout(() => {
      if (viewParam) api.changeView(viewParam, dateParam);
      else if (dateParam) api.gotoDate(dateParam);
    });
    return () => clearTimeout(timer);
  }, [viewParam, dateParam]);

  const colours = useMemo(() => officerColours(staff ?? []), [staff]);
  const names = useMemo(() => new Map((staff ?? []).map((s) => [s.id, s.name])), [staff]);
  // Everyone who goes on a shown visit, not only the first of each pair, has a legend entry.
  const shownStaff = useMemo(
    () => new Set((calendar?.visits ?? []).flatMap((v) => v.staffIds)),
    [calendar],
  );
  // The visit just planned (or the one a link names) stands out until another is planned.
  const visitParam = Number(params.get('visit')) || null;
  const [fresh, setFresh] = useState<number | null>(visitParam);
  const [linked, setLinked] = useState<number | null>(visitParam);
  if (linked !== visitParam) {
    setLinked(visitParam);
    setFresh(visitParam);
  }
  const events = useMemo(
    () => [
      ...visitEvents(calendar?.visits ?? [], {
        colourBy,
        officers: colours,
        staffNames: names,
        canEdit: canPlan,
        lang,
      }).map((event) =>
        event.extendedProps?.visitId === fresh
          ? { ...event, classNames: [...(event.classNames as string[]), 'visit-fresh'] }
          : event,
      ),
      ...leaveEvents(calendar?.leave ?? [], names, (who) => t('calendar.leave', { who }), lang),
      ...(holidays
        ? holidayEvents(holidays, lang, {
            workday: t('calendar.swapWorkday'),
            rest: t('calendar.branchRest'),
          })
        : []),
    ],
    [calendar, holidays, colourBy, colours, names, canPlan, fresh, lang, t],
  );

  const datesSet = (info: DatesSetArg) => {
    const next = { from: localParts(info.start).date, to: lastDayOf(info.end) };
    setRange((prev) => (prev?.from === next.from && prev.to === next.to ? prev : next));
    setMonth(localParts(info.view.currentStart).date.slice(0, 7));
  };

  // A refused move snaps back and says which rules refused it.
  const moveVisit = useAction(
    (move: {
      info: EventDropArg | EventResizeDoneArg;
      input: ChannelInput<'planning:updateVisit'>;
    }) => call('planning:updateVisit', move.input),
    {
      done: t('calendar.moved'),
      onDone: changed,
      onFailed: (_error, move) => move.info.revert(),
      explain: (error, t) => refusalText(error, t, lang),
    },
  );
  const move = async (info: EventDropArg | EventResizeDoneArg) => {
    const visitId = Number(info.event.extendedProps.visitId);
    const { start, end } = info.event;
    if (info.event.allDay || !start || !end) {
      info.revert();
      toast(t('calendar.needsTime'), 'warning');
      return;
    }
    const from = localParts(start);
    const to = localParts(end);
    if (to.date !== from.date) {
      info.revert();
      toast(t('calendar.sameDay'), 'warning');
      return;
    }
    // Sent without a version (not checked): a calendar row lacks most of what a visit's
    // version covers (loans, note, place, approval), and a drag sends only the new time, which
    // the rules judge against the visit as it is when the move is saved.
    await moveVisit.run({
      info,
      input: { id: visitId, date: from.date, start: from.time, end: to.time },
    });
  };

  const select = (info: DateSelectArg) => {
    info.view.calendar.unselect();
    if (!canPlan) return;
    const from = localParts(info.start);
    const to = localParts(info.end);
    const timed = !info.allDay;
    setDraft({
      date: from.date,
      start: timed ? from.time : '09:00',
      end: timed && to.date === from.date ? to.time : '10:00',
      ...(filter.staffIds.length ? { staffIds: filter.staffIds } : {}),
    });
  };

  const mounted = (info: EventMountArg) => {
    if (info.event.extendedProps.kind === 'visit') {
      // The whole team's names on hover too, where a short block cuts them off.
      info.el.title = `${info.event.title}\n${String(info.event.extendedProps.staff ?? '')}`;
      info.el.dataset.visitId = String(info.event.extendedProps.visitId);
    }
  };

  const content = (info: EventContentArg) =>
    info.event.extendedProps.kind === 'visit' ? (
      <VisitEventContent
        timeText={info.timeText}
        title={info.event.title}
        team={info.event.extendedProps.team as TeamMember[]}
        inline={info.view.type === 'dayGridMonth'}
      />
    ) : (
      true
    );

  // After planning, the calendar goes to the visit's day (its week in the week view) and
  // reads the range again, so the new visit is there to see.
  const showPlanned = (date: string) => {
    const api = calendarRef.current?.getApi();
    // Outside React's commit: FullCalendar renders synchronously when told to move.
    if (api) setTimeout(() => api.gotoDate(date));
  };

  return (
    <>
      <TargetsCard month={month} staff={staff ?? []} version={version} />
      <Card>
        <CardContent>
          <Stack direction="row" sx={{ alignItems: 'flex-start' }} spacing={2}>
            <Box sx={{ flex: 1 }}>
              <CalendarFilters
                staff={staff ?? []}
                filter={filter}
                onFilter={setFilter}
                colourBy={colourBy}
                onColourBy={setColourBy}
                townships={townships}
                officerColours={colours}
                shownStaffIds={shownStaff}
              />
            </Box>
            {canPlan && (
              <Button
                variant="contained"
                startIcon={<AddIcon />}
                onClick={() => setDraft({ date: todayIso(), start: '09:00', end: '10:00' })}
              >
                {t('calendar.plan')}
              </Button>
            )}
          </Stack>
          <Box
            sx={{
              '& .fc': { fontSize: 13 },
              '& .visit-overridden': { borderStyle: 'dashed' },
              // Not amber: that marks a visit awaiting approval.
              '& .visit-fresh': { outline: '3px solid #212121', outlineOffset: 1, zIndex: 5 },
            }}
          >
            <FullCalendar
              ref={calendarRef}
              plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin]}
              locales={[zhCnLocale]}
              locale={lang === 'zh' ? 'zh-cn' : 'en'}
              initialView={initial.view}
              {...(initial.date ? { initialDate: initial.date } : {})}
              headerToolbar={{
                left: 'prev,next today',
                center: 'title',
                right: 'dayGridMonth,timeGridWeek,timeGridDay',
              }}
              firstDay={1}
              height={640}
              slotMinTime="07:00:00"
              slotMaxTime="23:00:00"
              scrollTime="08:00:00"
              slotDuration="00:30:00"
              snapDuration="00:15:00"
              allDayText={t('calendar.allDay')}
              nowIndicator
              dayMaxEvents
              selectable={canPlan}
              selectMirror
              editable={canPlan}
              eventStartEditable={canPlan}
              eventDurationEditable={canPlan}
              {...(rules
                ? {
                    businessHours: {
                      daysOfWeek: [0, 1, 2, 3, 4, 5, 6],
                      startTime: rules.allowedStart,
                      endTime: rules.allowedEnd,
                    },
                  }
                : {})}
              events={events}
              datesSet={datesSet}
              select={select}
              eventClick={(info: EventClickArg) => {
                if (info.event.extendedProps.kind === 'visit') {
                  setOpenVisit(Number(info.event.extendedProps.visitId));
                }
              }}
              eventDrop={(info) => void move(info)}
              eventResize={(info) => void move(info)}
              eventDidMount={mounted}
              eventContent={content}
              eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
              slotLabelFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
            />
          </Box>
        </CardContent>
      </Card>
      {draft && staff && (
        <PlanVisitDialog
          draft={draft}
          staff={staff}
          onClose={() => setDraft(null)}
          onPlanned={(visit) => {
            setDraft(null);
            toast(t('visitPlan.planned', { name: visit.borrowerName, date: visit.date }));
            setFresh(visit.id);
            showPlanned(visit.date);
            changed();
          }}
        />
      )}
      {openVisit !== null && (
        <VisitDialog visitId={openVisit} onClose={() => setOpenVisit(null)} onChanged={changed} />
      )}
    </>
  );
}

/**
 * A visit on the calendar: a dot of each officer's colour (white-ringed, so the first shows on
 * a block of its own colour) and the team's names, then the borrower and village, then the
 * time (which the block's place already tells, so an hour's block may cut it). In the month
 * view, where a visit is one line, the names follow the borrower.
 */
export function VisitEventContent(props: {
  timeText: string;
  title: string;
  team: readonly TeamMember[];
  inline?: boolean;
}) {
  const dots = (size: number) =>
    props.team.map((m) => (
      <Box
        key={m.id}
        component="span"
        aria-hidden
        data-colour={m.colour}
        sx={{
          display: 'inline-block',
          flex: 'none',
          width: size,
          height: size,
          borderRadius: '50%',
          bgcolor: m.colour,
          border: '1.5px solid #fff',
          boxShadow: '0 0 0 1px rgba(0,0,0,.25)',
        }}
      />
    ));
  const lang = useTextLang();
  const names = listJoin(
    props.team.map((m) => m.name),
    lang,
  );
  if (props.inline) {
    return (
      <Box
        data-testid="visit-team"
        sx={{ display: 'flex', alignItems: 'center', gap: '3px', overflow: 'hidden', px: '2px' }}
      >
        {dots(9)}
        <Box component="span" sx={{ ml: '2px', whiteSpace: 'nowrap' }}>
          {props.timeText} <b>{props.title}</b> · {names}
        </Box>
      </Box>
    );
  }
  return (
    <Box data-testid="visit-team" sx={{ overflow: 'hidden', height: '100%', lineHeight: 1.3 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: '3px', fontSize: 11 }}>
        {dots(9)}
        <Box component="span" sx={{ ml: '2px', whiteSpace: 'nowrap' }}>
          {names}
        </Box>
      </Box>
      <Box sx={{ fontWeight: 600 }}>{props.title}</Box>
      <Box sx={{ fontSize: 11 }}>{props.timeText}</Box>
    </Box>
  );
}
