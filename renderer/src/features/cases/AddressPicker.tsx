import { Autocomplete, Grid, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useChannel } from '../../components/useChannel';
import type { DivisionOption } from '../../../../electron/shared/schemas/cases';

export const addressLevels = ['province', 'city', 'county', 'township', 'village'] as const;
export type AddressLevel = (typeof addressLevels)[number];

/** Names and National Bureau of Statistics codes, level by level (a code is null when typed). */
export type AddressValue = Record<AddressLevel, { name: string; code: string | null }>;

/**
 * Province → city → county → township → village, each an Autocomplete over the divisions the
 * core reads from the maintained dataset. Choosing a level clears the levels below it. A name
 * can still be typed where the dataset lacks it (imported files often name a village only);
 * it is then kept without a code.
 */
export function AddressPicker(props: {
  value: AddressValue;
  onChange: (value: AddressValue) => void;
  errors?: Partial<Record<AddressLevel, string>>;
}) {
  return (
    <Grid container spacing={2}>
      {addressLevels.map((level, index) => {
        const parent = index === 0 ? '' : props.value[addressLevels[index - 1]!].code;
        return (
          <Grid key={level} size={{ xs: 12, sm: 6, md: index < 3 ? 4 : 6 }}>
            <DivisionField
              level={level}
              parentCode={parent}
              value={props.value[level]}
              error={props.errors?.[level]}
              onChange={(next) => {
                const value = { ...props.value, [level]: next };
                for (const lower of addressLevels.slice(index + 1))
                  value[lower] = { name: '', code: null };
                props.onChange(value);
              }}
            />
          </Grid>
        );
      })}
    </Grid>
  );
}

function DivisionField(props: {
  level: AddressLevel;
  /** '' for provinces; null when the level above was typed by hand (no list then). */
  parentCode: string | null;
  value: { name: string; code: string | null };
  error?: string;
  onChange: (value: { name: string; code: string | null }) => void;
}) {
  const { t } = useTranslation();
  const { parentCode } = props;
  // Without the list the field still takes typed text.
  const options =
    useChannel('cases:divisions', parentCode === null ? null : { parentCode }, {
      failure: 'quiet',
    }).data ?? [];

  const selected = props.value.code
    ? (options.find((o) => o.code === props.value.code) ?? {
        code: props.value.code,
        name: props.value.name,
      })
    : props.value.name || null;

  return (
    <Autocomplete<DivisionOption, false, false, true>
      freeSolo
      autoSelect
      options={parentCode === null ? [] : options}
      value={selected}
      getOptionLabel={(o) => (typeof o === 'string' ? o : o.name)}
      isOptionEqualToValue={(o, v) => (typeof v === 'string' ? o.name === v : o.code === v.code)}
      noOptionsText={t('cases.borrower.noOptions')}
      onChange={(_e, next) => {
        if (next === null) props.onChange({ name: '', code: null });
        else if (typeof next === 'string') {
          const match = options.find((o) => o.name === next.trim());
          props.onChange(match ?? { name: next.trim(), code: null });
        } else props.onChange({ name: next.name, code: next.code });
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t(`cases.borrower.${props.level}`)}
          error={Boolean(props.error)}
          helperText={props.error}
        />
      )}
    />
  );
}
