import {
  Alert,
  Card,
  CardContent,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../../electron/shared/money';
import type { DocumentData, DocumentOf } from '../../../../electron/shared/schemas/notices';
import { call } from '../../api';
import { DateField } from '../../components/DateField';
import { useChannel } from '../../components/useChannel';
import { PrintActions } from './PrintActions';
import { listJoin } from '../../components/punctuation';
import { staffLabelIn, useStaffList } from '../../components/staff';
import { todayIso } from '../../components/format';
import { useTextLang } from '../../components/text-lang';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function tomorrowIso(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return todayIso(d);
}

/**
 * A day's visit notices, in route order: previewed without a trace (`notices:preview`), then
 * numbered and logged only when they are really printed (`notices:print`).
 */
export function BatchPrintCard() {
  const { t } = useTranslation();
  const lang = useTextLang();
  const { staff } = useStaffList();
  const [date, setDate] = useState(tomorrowIso());
  const [staffId, setStaffId] = useState<number | ''>('');
  const request = {
    lang,
    documents: [{ kind: 'dayNotices' as const, date, ...(staffId === '' ? {} : { staffId }) }],
  };
  const preview = useChannel('notices:preview', ISO_DATE.test(date) ? request : null, {
    failure: 'inline',
  });
  const failure = preview.failure;
  const notices =
    preview.data?.documents.filter(
      (d): d is DocumentOf<'visitNotice'> => d.kind === 'visitNotice',
    ) ?? null;

  const assemble = async (): Promise<DocumentData[]> =>
    (await call('notices:print', request)).documents;

  return (
    <Card>
      <CardContent>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <DateField label={t('notices.date')} value={date} onChange={setDate} holdInvalid />
          <TextField
            select
            label={t('notices.officer')}
            value={staffId}
            onChange={(e) => setStaffId(e.target.value === '' ? '' : Number(e.target.value))}
            sx={{ minWidth: 240 }}
          >
            <MenuItem value="">{t('notices.allOfficers')}</MenuItem>
            {(staff ?? []).map((s) => (
              <MenuItem key={s.id} value={s.id}>
                {staffLabelIn(lang)(s)}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        <PrintActions
          count={notices?.length ?? 0}
          fileName={`notices-${date}`}
          assemble={assemble}
        />
        {failure && <Alert severity="error">{failure}</Alert>}
        {notices && notices.length === 0 && (
          <Alert severity="info">{t('notices.none', { date })}</Alert>
        )}
        {notices && notices.length > 0 && <NoticeList notices={notices} />}
      </CardContent>
    </Card>
  );
}

function NoticeList({ notices }: { notices: DocumentOf<'visitNotice'>[] }) {
  const { t } = useTranslation();
  const lang = useTextLang();
  return (
    <>
      <Typography variant="subtitle1" sx={{ mb: 1 }}>
        {t('notices.count', { count: notices.length })}
      </Typography>
      <Table size="small" aria-label={t('notices.preview')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('notices.seq')}</TableCell>
            <TableCell>{t('notices.window')}</TableCell>
            <TableCell>{t('notices.borrower')}</TableCell>
            <TableCell>{t('notices.address')}</TableCell>
            <TableCell align="right">{t('notices.overdue')}</TableCell>
            <TableCell>{t('notices.staff')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {notices.map((n, index) => (
            <TableRow key={`${n.borrower.name}-${n.visit.windowStart}-${index}`}>
              <TableCell>{index + 1}</TableCell>
              <TableCell>
                {n.visit.windowStart}–{n.visit.windowEnd}
              </TableCell>
              <TableCell>
                {n.borrower.name}
                <Typography variant="caption" component="div" color="text.secondary">
                  {n.borrower.maskedId}
                </Typography>
              </TableCell>
              <TableCell>{n.borrower.address}</TableCell>
              <TableCell align="right">
                {formatYuan(n.loans.reduce((sum, l) => sum + l.overdueFen, 0))}
              </TableCell>
              <TableCell>{listJoin(n.visit.staff.map(staffLabelIn(lang)), lang)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
