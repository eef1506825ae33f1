import {
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  FormControl,
  InputLabel,
  Link,
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
import { Link as RouterLink } from 'react-router';
import type { AwaitingRow } from '../../../../electron/shared/schemas/records-views';
import { useCan } from '../../app/session';
import { staffLabel, useStaffList } from '../../components/staff';
import { useChannel } from '../../components/useChannel';

const ALL = '';

/**
 * The branch's visits still waiting for an outcome, by day, officer and village: what a
 * manager or clerk works through when officers come back from the villages with paper notes.
 * Recording opens the same outcome form as the officer's own list; the record keeps who went
 * and who entered it.
 */
export function AwaitingResults() {
  const { t } = useTranslation();
  const canRecord = useCan('visits.record');
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
          <FormControl size="small" sx={{ minWidth: 160 }}>
            <InputLabel id="awaiting-day" shrink>
              {t('visits.awaiting.day')}
            </InputLabel>
            <Select
              labelId="awaiting-day"
              displayEmpty
              notched
              label={t('visits.awaiting.day')}
              value={day}
              onChange={(e) => setDay(e.target.value)}
            >
              <MenuItem value={ALL}>{t('visits.awaiting.allDays')}</MenuItem>
              {days.map((d) => (
                <MenuItem key={d} value={d}>
                  {d}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <FormControl size="small" sx={{ minWidth: 180 }}>
            <InputLabel id="awaiting-staff" shrink>
              {t('visits.awaiting.officer')}
            </InputLabel>
            <Select
              labelId="awaiting-staff"
              displayEmpty
              notched
              label={t('visits.awaiting.officer')}
              value={staffId}
              onChange={(e) => setStaffId(e.target.value)}
            >
              <MenuItem value={ALL}>{t('visits.awaiting.allStaff')}</MenuItem>
              {(staff ?? []).map((s) => (
                <MenuItem key={s.id} value={String(s.id)}>
                  {staffLabel(s)}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <FormControl size="small" sx={{ minWidth: 160 }}>
            <InputLabel id="awaiting-village" shrink>
              {t('visits.awaiting.village')}
            </InputLabel>
            <Select
              labelId="awaiting-village"
              displayEmpty
              notched
              label={t('visits.awaiting.village')}
              value={village}
              onChange={(e) => setVillage(e.target.value)}
            >
              <MenuItem value={ALL}>{t('visits.awaiting.allVillages')}</MenuItem>
              {(everything?.villages ?? []).map((v) => (
                <MenuItem key={v} value={v}>
                  {v}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
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
                        <Link component={RouterLink} to={`/cases/${v.borrowerId}`}>
                          {v.borrowerName}
                        </Link>
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        {v.start}–{v.end}
                      </TableCell>
                      <TableCell>
                        {v.township} {v.village}
                      </TableCell>
                      <TableCell>{v.staff.map(staffLabel).join('、')}</TableCell>
                      <TableCell align="right">
                        {canRecord && (
                          <Button
                            size="small"
                            variant="contained"
                            component={RouterLink}
                            to={`/visits/record/${v.visitId}`}
                          >
                            {t('visits.tasks.record')}
                          </Button>
                        )}
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
