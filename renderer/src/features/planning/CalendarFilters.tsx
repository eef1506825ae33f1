import {
  Autocomplete,
  Box,
  FormControlLabel,
  Stack,
  Switch,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { visitStatuses } from '../../../../electron/shared/schemas/planning';
import { type StaffRow } from '../../../../electron/shared/schemas/staff';
import { noColour, statusColours, type ColourBy } from './calendar-events';
import { StaffPicker } from '../staff/StaffPicker';
import type { CalendarFilter } from './useCalendarData';
import { staffLabel } from '../../components/staff';

/** Filter by officer and township, choose the colouring, and read what the colours mean. */
export function CalendarFilters(props: {
  staff: readonly StaffRow[];
  filter: CalendarFilter;
  onFilter: (next: CalendarFilter) => void;
  colourBy: ColourBy;
  onColourBy: (next: ColourBy) => void;
  townships: readonly string[];
  officerColours: Map<number, string>;
  shownStaffIds: ReadonlySet<number>;
}) {
  const { t } = useTranslation();
  const { filter } = props;
  const statuses =
    props.colourBy === 'status'
      ? visitStatuses
          .filter((s) => filter.showClosed || (s !== 'cancelled' && s !== 'rescheduled'))
          .map((s) => ({ key: s, label: t(`visitStatus.${s}`), colour: statusColours[s] }))
      : [];
  // Every officer on a shown visit, the second of a pair too: each has a dot on the visit.
  const officers = props.staff
    .filter((s) => props.shownStaffIds.has(s.id))
    .map((s) => ({
      key: String(s.id),
      label: staffLabel(s),
      colour: props.officerColours.get(s.id) ?? noColour,
    }));
  return (
    <Box sx={{ mb: 2 }}>
      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        sx={{ flexWrap: 'wrap', alignItems: 'center' }}
        aria-label={t('calendar.filters')}
      >
        <Box sx={{ minWidth: 280, flex: 1, maxWidth: 460 }}>
          <StaffPicker
            staff={props.staff}
            value={filter.staffIds}
            onChange={(staffIds) => props.onFilter({ ...filter, staffIds })}
            label={t('calendar.filterStaff')}
          />
        </Box>
        <Autocomplete
          freeSolo
          options={props.townships as string[]}
          value={filter.township}
          onInputChange={(_e, township) => props.onFilter({ ...filter, township })}
          sx={{ minWidth: 180 }}
          renderInput={(params) => <TextField {...params} label={t('calendar.filterTownship')} />}
        />
        <ToggleButtonGroup
          size="small"
          exclusive
          value={props.colourBy}
          onChange={(_e, next: ColourBy | null) => next && props.onColourBy(next)}
          aria-label={t('calendar.colourBy')}
        >
          <ToggleButton value="officer">{t('calendar.byOfficer')}</ToggleButton>
          <ToggleButton value="status">{t('calendar.byStatus')}</ToggleButton>
        </ToggleButtonGroup>
        <FormControlLabel
          control={
            <Switch
              checked={filter.showClosed}
              onChange={(e) => props.onFilter({ ...filter, showClosed: e.target.checked })}
            />
          }
          label={t('calendar.showClosed')}
        />
      </Stack>
      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        sx={{ flexWrap: 'wrap', mt: 1 }}
        aria-label={t('calendar.legend')}
      >
        {statuses.map((item) => (
          <Stack key={item.key} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <Box sx={{ width: 12, height: 12, borderRadius: '3px', bgcolor: item.colour }} />
            <Typography variant="caption">{item.label}</Typography>
          </Stack>
        ))}
        {officers.length > 0 && (
          <Typography variant="caption" color="text.secondary">
            {t(props.colourBy === 'status' ? 'calendar.legendTeamDots' : 'calendar.legendTeam')}
          </Typography>
        )}
        {officers.map((item) => (
          <Stack
            key={item.key}
            direction="row"
            spacing={0.5}
            sx={{ alignItems: 'center' }}
            data-testid="legend-officer"
          >
            <Box
              sx={{
                width: 12,
                height: 12,
                borderRadius: props.colourBy === 'status' ? '50%' : '3px',
                bgcolor: item.colour,
              }}
            />
            <Typography variant="caption">{item.label}</Typography>
          </Stack>
        ))}
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
          <Box sx={{ width: 12, height: 12, borderRadius: '3px', bgcolor: '#ffcdd2' }} />
          <Typography variant="caption">{t('calendar.holiday')}</Typography>
        </Stack>
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
          <Box sx={{ width: 12, height: 12, borderRadius: '3px', bgcolor: '#ffe0b2' }} />
          <Typography variant="caption">{t('calendar.leaveLegend')}</Typography>
        </Stack>
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
          <Box sx={{ width: 12, height: 12, borderRadius: '3px', border: '2px solid #f9a825' }} />
          <Typography variant="caption">{t('visitView.awaitingApproval')}</Typography>
        </Stack>
      </Stack>
    </Box>
  );
}
