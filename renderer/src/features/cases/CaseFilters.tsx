import FilterAltOffIcon from '@mui/icons-material/FilterAltOff';
import {
  Checkbox,
  FormControlLabel,
  IconButton,
  ListSubheader,
  MenuItem,
  Stack,
  TextField,
  Tooltip,
  type TextFieldProps,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { tierFilters, type TierFilter } from '../../../../electron/shared/classification';
import { buckets, type Bucket } from '../../../../electron/shared/delinquency';
import {
  caseExitKinds,
  caseStatuses,
  type CaseExitKind,
  type CaseStatus,
} from '../../../../electron/shared/case-kinds';
import { isFiltered, noFilter, type CaseFilter, type OfficerChoice } from './case-filter';
import { StaffLabel } from '../../components/staff';

/** A whole number or null from a number field ("" clears the filter). */
function wholeNumber(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 ? value : null;
}

const numberField = (props: TextFieldProps) => (
  <TextField
    type="number"
    sx={{ width: 104 }}
    slotProps={{ htmlInput: { min: 0, step: 1 } }}
    {...props}
  />
);

/** The two yes/no filters, which sit beside the search box. */
export function CaseFlagFilters(props: {
  filter: CaseFilter;
  onChange: (filter: CaseFilter) => void;
}) {
  const { t } = useTranslation();
  const { filter } = props;
  const set = <K extends keyof CaseFilter>(key: K, value: CaseFilter[K]) =>
    props.onChange({ ...filter, [key]: value });
  return (
    <Stack direction="row" sx={{ flexShrink: 0 }}>
      <FormControlLabel
        control={
          <Checkbox
            checked={filter.vulnerable === true}
            onChange={(e) => set('vulnerable', e.target.checked ? true : null)}
          />
        }
        label={t('cases.filter.vulnerable')}
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={filter.brokenPromise}
            onChange={(e) => set('brokenPromise', e.target.checked)}
          />
        }
        label={t('cases.filter.brokenPromise')}
      />
    </Stack>
  );
}

/**
 * The filters of the case list. Every filter runs in SQL on the core (the renderer never holds
 * the whole table); the page re-queries when one changes.
 */
export function CaseFilters(props: {
  filter: CaseFilter;
  officers: OfficerChoice[];
  onChange: (filter: CaseFilter) => void;
}) {
  const { t } = useTranslation();
  const { filter } = props;
  const set = <K extends keyof CaseFilter>(key: K, value: CaseFilter[K]) =>
    props.onChange({ ...filter, [key]: value });

  return (
    <Stack
      direction="row"
      spacing={1.5}
      useFlexGap
      sx={{ flexWrap: 'wrap', alignItems: 'center' }}
      role="group"
      aria-label={t('cases.filters')}
    >
      {/* One list for the bucket and, below it, the bank's five-tier classification (as the
          status list holds where a case went): another field would wrap the filter row. */}
      <TextField
        select
        label={t('cases.filter.bucketTier')}
        value={[...filter.buckets, ...filter.tiers.map((k) => `tier:${k}`)]}
        onChange={(e) => {
          const chosen = e.target.value as unknown as string[];
          props.onChange({
            ...filter,
            buckets: chosen.filter((v): v is Bucket => (buckets as readonly string[]).includes(v)),
            tiers: chosen.flatMap((v) => (v.startsWith('tier:') ? [v.slice(5) as TierFilter] : [])),
          });
        }}
        slotProps={{
          select: {
            multiple: true,
            renderValue: (selected) =>
              (selected as string[])
                .map((v) => (v.startsWith('tier:') ? t(`cases.tier.${v.slice(5)}`) : v))
                .join(', '),
          },
        }}
        sx={{ width: 124 }}
        data-testid="bucket-tier-filter"
      >
        {buckets.map((b) => (
          <MenuItem key={b} value={b}>
            <Checkbox size="small" checked={filter.buckets.includes(b)} sx={{ p: 0, mr: 1 }} />
            {b}
          </MenuItem>
        ))}
        <ListSubheader>{t('cases.tier')}</ListSubheader>
        {tierFilters.map((k) => (
          <MenuItem key={k} value={`tier:${k}`}>
            <Checkbox size="small" checked={filter.tiers.includes(k)} sx={{ p: 0, mr: 1 }} />
            {t(`cases.tier.${k}`)}
          </MenuItem>
        ))}
      </TextField>
      {numberField({
        label: t('cases.filter.dpdMin'),
        value: filter.dpdMin ?? '',
        onChange: (e) => set('dpdMin', wholeNumber(e.target.value)),
      })}
      {numberField({
        label: t('cases.filter.dpdMax'),
        value: filter.dpdMax ?? '',
        onChange: (e) => set('dpdMax', wholeNumber(e.target.value)),
      })}
      <TextField
        select
        label={t('cases.filter.officer')}
        value={filter.officer === null ? '' : String(filter.officer)}
        onChange={(e) => {
          const value = e.target.value;
          set('officer', value === '' ? null : value === 'none' ? 'none' : Number(value));
        }}
        sx={{ width: 140 }}
      >
        <MenuItem value="">{t('cases.any')}</MenuItem>
        <MenuItem value="none">{t('cases.filter.unassigned')}</MenuItem>
        {props.officers.map((o) => (
          <MenuItem key={o.id} value={String(o.id)}>
            <StaffLabel staff={o} />
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label={t('cases.filter.township')}
        value={filter.township}
        onChange={(e) => set('township', e.target.value)}
        sx={{ width: 112 }}
      />
      <TextField
        label={t('cases.filter.village')}
        value={filter.village}
        onChange={(e) => set('village', e.target.value)}
        sx={{ width: 112 }}
      />
      {/* One list for the case's status and, for closed cases, where they went (an exit in
          force): a tenth field would push the list's pager below a 1366-pixel screen. */}
      <TextField
        select
        label={t('cases.filter.status')}
        value={[...filter.statuses, ...filter.exitKinds.map((k) => `exit:${k}`)]}
        onChange={(e) => {
          const chosen = e.target.value as unknown as string[];
          props.onChange({
            ...filter,
            statuses: chosen.filter((v): v is CaseStatus =>
              (caseStatuses as readonly string[]).includes(v),
            ),
            exitKinds: chosen.flatMap((v) =>
              v.startsWith('exit:') ? [v.slice(5) as CaseExitKind] : [],
            ),
          });
        }}
        slotProps={{
          select: {
            multiple: true,
            renderValue: (selected) =>
              (selected as string[])
                .map((v) =>
                  v.startsWith('exit:')
                    ? t(`cases.exit.kind.${v.slice(5)}`)
                    : t(`cases.status.${v}`),
                )
                .join(', '),
          },
        }}
        sx={{ width: 120 }}
      >
        {caseStatuses.map((s) => (
          <MenuItem key={s} value={s}>
            <Checkbox size="small" checked={filter.statuses.includes(s)} sx={{ p: 0, mr: 1 }} />
            {t(`cases.status.${s}`)}
          </MenuItem>
        ))}
        <ListSubheader>{t('cases.exit.kind')}</ListSubheader>
        {caseExitKinds.map((k) => (
          <MenuItem key={k} value={`exit:${k}`}>
            <Checkbox size="small" checked={filter.exitKinds.includes(k)} sx={{ p: 0, mr: 1 }} />
            {t(`cases.exit.kind.${k}`)}
          </MenuItem>
        ))}
      </TextField>
      {numberField({
        label: t('cases.filter.notVisitedDays'),
        value: filter.notVisitedDays ?? '',
        onChange: (e) => {
          const days = wholeNumber(e.target.value);
          set('notVisitedDays', days === 0 ? null : days);
        },
        sx: { width: 136 },
      })}
      {/* An icon, so that it fits at the end of the row at 1366 pixels instead of wrapping
          onto a line of its own (which pushed the list's pager below the screen). */}
      {isFiltered(filter) && (
        <Tooltip title={t('cases.clearFilters')}>
          <IconButton
            size="small"
            aria-label={t('cases.clearFilters')}
            onClick={() => props.onChange(noFilter)}
          >
            <FilterAltOffIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
    </Stack>
  );
}
