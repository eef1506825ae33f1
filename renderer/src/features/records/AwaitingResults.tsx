import {
  Card,
  CardContent,
  CardHeader,
  Chip,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AwaitingRow } from '../../../../electron/shared/schemas/records-views';
import { staffLabel, useStaffList } from '../../components/staff';
import { useChannel } from '../../components/useChannel';
import { CaseLink, RecordOutcomeButton } from './links';

const ALL = '';

/** One of the list's filters: "all" first, then the choices as [value, label]. */
function FilterSelect(props: {
  id: string;
  label: string;
  all: string;
  value: string;
  onChange: (value: string) => void;
  options: [string, string][];
}) {
  return (
    <FormControl size="small" sx={{ minWidth: 170 }}>
      <InputLabel id={props.id} shrink>
        {props.label}
      </InputLabel>
      <Select
        labelId={props.id}
        displayEmpty
        notched
        label={props.label}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <MenuItem value={ALL}>{props.all}</MenuItem>
        {props.options.map(([value, label]) => (
          <MenuItem key={value} value={value}>
            {label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/**
 * The branch's visits still waiting for an outcome, by day, officer and village: what a
 * manager or clerk works through when officers come back from the villages with paper notes.
 * Recording opens the same outcome form as the officer's own list; the record keeps who went
 * and who entered it.
 */
export function AwaitingResults() {
  const { t } = useTranslation();
  const { staff } = useStaffList();
  const [day, setDay] = useState(ALL);
  const [staffId, setStaffId] = useState(ALL);
  const [village, setVillage] = useState(ALL);
  const input = {
    ...(day ? { date: day } : {}),
    ...(staffId ? { staffId: Number(staffId) } : {}),
    ...(village ? { village } : {}),
  };
  const { data } = useChannel('records:awaiting', input);
  // The days offered are those of the unfiltered list, so narrowing by officer keeps them.
  const { data: everything } = useChannel('records:awaiting', {});
  const days = [...new Set((everything?.rows ?? []).map((r) => r.date))];
  const byDay = new Map<string, AwaitingRow[]>();
  for (const row of data?.rows ?? []) byDay.set(row.date, [...(byDay.get(row.date) ?? []), row]);
  const title = t('visits.awaiting.title');

  return (
    <Card component="section" aria-label={title}>
      <CardHeader
        title={title}
        subheader={t('visits.awaiting.help')}
        action={<Chip label={data?.total ?? '…'} color={data?.total ? 'primary' : 'default'} />}
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        <Stack direction="row" spacing={2} sx={{ mb: 2, flexWrap: 'wrap', rowGap: 2 }}>
          <FilterSelect
            id="awaiting-day"
            label={t('visits.awaiting.day')}
            all={t('visits.awaiting.allDays')}
            value={day}
            onChange={setDay}
            options={days.map((d) => [d, d])}
          />
          <FilterSelect
            id="awaiting-staff"
            label={t('visits.awaiting.officer')}
            all={t('visits.awaiting.allStaff')}
            value={staffId}
            onChange={setStaffId}
            options={(staff ?? []).map((s) => [String(s.id), staffLabel(s)])}
          />
          <FilterSelect
            id="awaiting-village"
            label={t('visits.awaiting.village')}
            all={t('visits.awaiting.allVillages')}
            value={village}
            onChange={setVillage}
            options={(everything?.villages ?? []).map((v) => [v, v])}
          />
        </Stack>
        {data && data.rows.length === 0 ? (
          <Typography color="text.secondary">{t('visits.awaiting.empty')}</Typography>
        ) : (
          <Table size="small" aria-label={title}>
            <TableHead>
              <TableRow>
                <TableCell>{t('visits.col.borrower')}</TableCell>
                <TableCell>{t('visits.col.time')}</TableCell>
                <TableCell>{t('visits.col.place')}</TableCell>
                <TableCell>{t('visits.awaiting.staff')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {[...byDay].map(([date, rows]) => (
                <Fragment key={date}>
                  <TableRow>
                    <TableCell colSpan={5} sx={{ bgcolor: 'action.hover', fontWeight: 600 }}>
                      {t('visits.awaiting.dayHeader', { date, count: rows.length })}
                    </TableCell>
                  </TableRow>
                  {rows.map((v) => (
                    <TableRow key={v.visitId}>
                      <TableCell>
                        <CaseLink id={v.borrowerId} name={v.borrowerName} />
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        {v.start}–{v.end}
                      </TableCell>
                      <TableCell>
                        {v.township} {v.village}
                      </TableCell>
                      <TableCell>{v.staff.map(staffLabel).join('、')}</TableCell>
                      <TableCell align="right">
                        <RecordOutcomeButton visitId={v.visitId} />
                      </TableCell>
                    </TableRow>
                  ))}
                </Fragment>
              ))}
            </TableBody>
          </Table>
        )}
        {data && data.total > data.rows.length && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {t('visits.awaiting.more', { shown: data.rows.length, total: data.total })}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
