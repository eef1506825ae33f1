import {
  Alert,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  IconButton,
  MenuItem,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setHolidayInput } from '../../../../electron/shared/schemas/planning';
import { issuesToFields } from '../../../../electron/shared/validation';
import { useCan } from '../../app/session';
import { DateField } from '../../components/DateField';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';
import { todayIso } from '../../components/format';
import { useTextLang } from '../../components/text-lang';

/**
 * The year's public holidays and working-day swaps (the official arrangement, or an estimate
 * for a year not yet published), and the branch's own exceptions, which the manager edits.
 */
export function HolidaysCard() {
  const { t } = useTranslation();
  const lang = useTextLang();
  const canEdit = useCan('settings.edit');
  const [year, setYear] = useState(Number(todayIso().slice(0, 4)));
  const holidays = useChannel('planning:holidays', { from: `${year}-01-01`, to: `${year}-12-31` });
  const data = holidays.data;
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<'holiday' | 'workday'>('holiday');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const setHoliday = useAction('planning:setHoliday', {
    done: t('common.saved'),
    onDone: () => {
      setDate('');
      setNote('');
      holidays.reload();
    },
  });
  const save = async (input: unknown) => {
    const parsed = setHolidayInput.safeParse(input);
    if (!parsed.success) {
      setErrors(issuesToFields(parsed.error));
      return;
    }
    setErrors({});
    await setHoliday.run(parsed.data);
  };

  const official = data?.days.filter((d) => d.source !== 'branch') ?? [];
  return (
    <Card sx={{ mt: 3 }}>
      <CardHeader
        title={t('holidays.title')}
        subheader={t('holidays.help')}
        action={
          <TextField
            select
            size="small"
            label={t('holidays.year')}
            value={year}
            onChange={(e) => setYear(Number(e.target.value))}
          >
            {[year - 1, year, year + 1].map((y) => (
              <MenuItem key={y} value={y}>
                {y}
              </MenuItem>
            ))}
          </TextField>
        }
      />
      <CardContent>
        {data?.estimatedYears.includes(year) && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {t('holidays.estimated', { year })}
          </Alert>
        )}
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }}>
          {official.map((d) => (
            <Chip
              key={d.date}
              size="small"
              color={d.kind === 'holiday' ? 'error' : 'success'}
              variant="outlined"
              label={`${d.date} ${d.kind === 'holiday' ? (d.name?.[lang] ?? '') : t('calendar.swapWorkday')}`}
            />
          ))}
        </Stack>
        <Typography variant="subtitle2" sx={{ mb: 1 }}>
          {t('holidays.branch')}
        </Typography>
        {data && data.overrides.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {t('holidays.noOverrides')}
          </Typography>
        )}
        <Stack spacing={0.5} sx={{ mb: 2 }}>
          {data?.overrides.map((o) => (
            <Stack key={o.date} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Chip
                size="small"
                color={o.kind === 'holiday' ? 'error' : 'success'}
                label={`${o.date} ${t(`holidays.kind.${o.kind}`)}`}
              />
              <Typography variant="body2">{o.note}</Typography>
              {canEdit && (
                <Tooltip title={t('holidays.remove')}>
                  <IconButton
                    size="small"
                    aria-label={t('holidays.remove')}
                    onClick={() => void save({ date: o.date, kind: null })}
                  >
                    <DeleteIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              )}
            </Stack>
          ))}
        </Stack>
        {canEdit && (
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <DateField
              label={t('holidays.date')}
              value={date}
              onChange={setDate}
              error={errors.date ? t(errors.date) : undefined}
            />
            <TextField
              select
              label={t('holidays.kindLabel')}
              value={kind}
              onChange={(e) => setKind(e.target.value as 'holiday' | 'workday')}
              sx={{ minWidth: 160 }}
            >
              <MenuItem value="holiday">{t('holidays.kind.holiday')}</MenuItem>
              <MenuItem value="workday">{t('holidays.kind.workday')}</MenuItem>
            </TextField>
            <TextField
              label={t('holidays.note')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              error={Boolean(errors.note)}
              helperText={errors.note ? t(errors.note) : undefined}
              sx={{ flex: 1, minWidth: 200 }}
            />
            <Button variant="outlined" onClick={() => void save({ date, kind, note })}>
              {t('holidays.add')}
            </Button>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
