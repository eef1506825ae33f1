import {
  Alert,
  Autocomplete,
  Card,
  CardContent,
  Chip,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListRow } from '../../../../electron/shared/schemas/cases';
import { documentKindLabels, type DocumentData } from '../../../../electron/shared/schemas/notices';
import { call } from '../../api';
import { PrintActions } from './PrintActions';
import { useTextLang } from '../../components/text-lang';
import { useChannel } from '../../components/useChannel';

type LetterKind = 'reminderLetter' | 'demandLetter';

/**
 * Reminder or demand letters for borrowers picked through the case search; one letter per
 * borrower, in the order chosen, in one job.
 */
export function LettersCard() {
  const { t } = useTranslation();
  const lang = useTextLang();
  const [kind, setKind] = useState<LetterKind>('reminderLetter');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<CaseListRow[]>([]);
  const text = search.trim();
  // Suggestions: a failed search offers none; one query per pause in typing.
  const found = useChannel('cases:list', text ? { search: text, pageSize: 20 } : null, {
    failure: 'quiet',
    pauseMs: 250,
  }).data;
  const options = found?.rows ?? [];
  const tooShort = found?.searchTooShort ?? false;

  const assemble = async (): Promise<DocumentData[]> =>
    (
      await call('notices:print', {
        lang,
        documents: chosen.map((row) => ({ kind, borrowerId: row.id })),
      })
    ).documents;

  return (
    <Card>
      <CardContent>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <TextField
            select
            label={t('notices.letterKind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as LetterKind)}
            sx={{ minWidth: 200 }}
          >
            {(['reminderLetter', 'demandLetter'] as const).map((k) => (
              <MenuItem key={k} value={k}>
                {documentKindLabels[k][lang]}
              </MenuItem>
            ))}
          </TextField>
          <Autocomplete
            multiple
            sx={{ flex: 1, minWidth: 320 }}
            options={options}
            value={chosen}
            filterOptions={(x) => x}
            onChange={(_e, value) => setChosen(value)}
            onInputChange={(_e, value) => setSearch(value)}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            getOptionLabel={(row) => `${row.name} ${row.idNumberMasked}`}
            renderOption={(props, row) => (
              <li {...props} key={row.id}>
                {row.name} · {row.idNumberMasked} · {row.township}
                {row.village}
              </li>
            )}
            renderValue={(value, getItemProps) =>
              value.map((row, index) => (
                <Chip {...getItemProps({ index })} key={row.id} label={row.name} size="small" />
              ))
            }
            renderInput={(params) => (
              <TextField
                {...params}
                label={t('notices.search')}
                helperText={tooShort ? t('notices.searchTooShort') : undefined}
              />
            )}
          />
        </Stack>
        <Typography variant="body2" sx={{ mt: 2 }}>
          {t('notices.selected', { count: chosen.length })}
        </Typography>
        {chosen.length === 0 && (
          <Alert severity="info" sx={{ mt: 1 }}>
            {t('notices.noneSelected')}
          </Alert>
        )}
        <PrintActions count={chosen.length} fileName={`${kind}-letters`} assemble={assemble} />
      </CardContent>
    </Card>
  );
}
