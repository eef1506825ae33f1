import { Autocomplete, Chip, TextField } from '@mui/material';
import type { StaffRow } from '../../../../electron/shared/schemas/staff';
import { useTranslation } from 'react-i18next';
import { staffLabel } from '../../components/staff';

/**
 * Several staff for one visit. Staff without a current certificate are listed but marked, so
 * the planner sees why the rules will refuse them instead of not finding them at all.
 */
export function StaffPicker(props: {
  staff: readonly StaffRow[];
  value: readonly number[];
  onChange: (ids: number[]) => void;
  label: string;
  error?: string | undefined;
  helperText?: string | undefined;
  onBlur?: () => void;
  max?: number;
}) {
  const { t } = useTranslation();
  const selected = props.value
    .map((id) => props.staff.find((s) => s.id === id))
    .filter((s): s is StaffRow => s !== undefined);
  return (
    <Autocomplete
      multiple
      options={props.staff as StaffRow[]}
      value={selected}
      getOptionLabel={staffLabel}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      getOptionDisabled={() => props.max !== undefined && props.value.length >= props.max}
      onChange={(_e, rows) => props.onChange(rows.map((r) => r.id))}
      onBlur={props.onBlur}
      renderOption={({ key, ...rest }, option) => (
        <li key={key} {...rest}>
          {staffLabel(option)}
          {!option.certified && (
            <Chip size="small" color="warning" label={t('staff.notCertified')} sx={{ ml: 1 }} />
          )}
        </li>
      )}
      renderValue={(rows, getItemProps) =>
        rows.map((option, index) => {
          const { key, ...item } = getItemProps({ index });
          return (
            <Chip
              key={key}
              {...item}
              size="small"
              color={option.certified ? 'default' : 'warning'}
              label={staffLabel(option)}
            />
          );
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label={props.label}
          error={Boolean(props.error)}
          helperText={props.error ?? props.helperText}
        />
      )}
    />
  );
}
