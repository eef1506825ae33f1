import { Autocomplete, Box, TextField, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListRow } from '../../../../electron/shared/schemas/cases';
import { useChannel } from '../../components/useChannel';

interface Choice {
  id: number;
  name: string;
  detail: string;
}

const toChoice = (row: CaseListRow, days: string): Choice => ({
  id: row.id,
  name: row.name,
  detail: [row.idNumberMasked, [row.township, row.village].filter(Boolean).join(''), days]
    .filter(Boolean)
    .join(' · '),
});

/**
 * The borrower of a visit, found through the case list's search (name, pinyin initials, ID or
 * phone tail, village), one query per pause in typing. A draft from the worklist or a case
 * arrives with the borrower already chosen.
 */
export function BorrowerField(props: {
  value: number | undefined;
  onChange: (id: number | undefined) => void;
  onBlur?: () => void;
  name?: string | undefined;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [chosen, setChosen] = useState<Choice | null>(
    props.value !== undefined
      ? { id: props.value, name: props.name ?? `#${props.value}`, detail: '' }
      : null,
  );
  // Suggestions only: a failed search shows none rather than an error over the form.
  const search = useChannel(
    'cases:list',
    { search: input.trim(), pageSize: 20 },
    { failure: 'quiet', pauseMs: 250 },
  );
  const found = search.data;
  const options = useMemo(
    () =>
      (found?.rows ?? []).map((row) =>
        toChoice(row, t('visitPlan.borrowerDpd', { days: row.dpd })),
      ),
    [found, t],
  );
  const loading = search.loading;

  return (
    <Autocomplete
      options={options}
      value={chosen}
      loading={loading}
      filterOptions={(all) => all}
      getOptionLabel={(o) => o.name}
      getOptionKey={(o) => o.id}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      onInputChange={(_e, text, reason) => reason === 'input' && setInput(text)}
      onChange={(_e, choice) => {
        setChosen(choice);
        props.onChange(choice?.id);
      }}
      onBlur={props.onBlur}
      noOptionsText={t('visitPlan.borrowerNone')}
      loadingText={t('common.loading')}
      renderOption={({ key, ...rest }, option) => (
        <Box component="li" key={key} {...rest}>
          <Box>
            <Typography variant="body2">{option.name}</Typography>
            <Typography variant="caption" color="text.secondary">
              {option.detail}
            </Typography>
          </Box>
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('visitPlan.borrower')}
          error={Boolean(props.error)}
          helperText={props.error ?? (chosen?.detail || t('visitPlan.borrowerHelp'))}
        />
      )}
    />
  );
}
