import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import PrintIcon from '@mui/icons-material/Print';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useCan } from '../../app/session';
import { DateField } from '../../components/DateField';
import { fileName } from '../../components/files';
import { useToast } from '../../components/Toasts';
import { StaffPicker } from '../staff/StaffPicker';
import { listJoin } from '../../components/punctuation';
import { staffLabelIn, useStaffList } from '../../components/staff';
import { todayIso } from '../../components/format';
import { useTextLang } from '../../components/text-lang';
import { useChannel } from '../../components/useChannel';
import { usePrintJob } from '../../components/usePrintJob';

/**
 * A pair's day: the visits of one or two officers, grouped by township and village in the
 * order they are reached, ready to print. The route sheet is assembled (and logged) by
 * `notices:print` for the first officer of the pair, whose visits the pair shares, staged as a
 * print job and printed or saved as PDF by the host through the print route.
 */
export function DayRoutePage() {
  const { t } = useTranslation();
  const lang = useTextLang();
  const toast = useToast();
  const canPrint = useCan('notices.print');
  const { staff } = useStaffList();
  const [date, setDate] = useState(todayIso());
  const [staffIds, setStaffIds] = useState<number[]>([]);
  const route = useChannel(
    'planning:dayRoute',
    staffIds.length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date, staffIds } : null,
  ).data;
  const job = usePrintJob({
    onDone: (result) => {
      if (result.to === 'printer') {
        if (result.printed) toast(t('dayRoute.printed'));
      } else if (result.file) {
        // The folder is the user's choice (or a temporary one): the name says which file it is.
        toast(t('dayRoute.saved', { file: fileName(result.file) }), 'success', {
          detail: result.file,
        });
      }
    },
  });
  const printing = job.busy;

  const print = async (to: 'printer' | 'pdf') => {
    const [staffId] = staffIds;
    if (staffId === undefined) return;
    await job.run({
      assemble: async () =>
        (
          await call('notices:print', {
            lang,
            documents: [{ kind: 'dayRouteSheet', date, staffId }],
          })
        ).documents,
      to,
      fileName: `route-${date}`,
    });
  };

  const shown = staffIds.length > 0 ? route : null;
  const stops = shown?.townships.flatMap((tw) => tw.villages.flatMap((v) => v.visits)) ?? [];
  let seq = 0;

  return (
    <Card>
      <CardContent>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }}>
          <DateField label={t('dayRoute.date')} value={date} onChange={setDate} holdInvalid />
          <Box sx={{ minWidth: 320, flex: 1, maxWidth: 520 }}>
            <StaffPicker
              staff={staff ?? []}
              value={staffIds}
              onChange={setStaffIds}
              label={t('dayRoute.pair')}
              max={2}
            />
          </Box>
          <Box sx={{ flex: 1 }} />
          {canPrint && (
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Button
                variant="outlined"
                startIcon={<PrintIcon />}
                disabled={printing || stops.length === 0}
                onClick={() => void print('printer')}
              >
                {t('dayRoute.print')}
              </Button>
              <Button
                variant="outlined"
                startIcon={<PictureAsPdfIcon />}
                disabled={printing || stops.length === 0}
                onClick={() => void print('pdf')}
              >
                {t('dayRoute.savePdf')}
              </Button>
            </Stack>
          )}
        </Stack>
        {staffIds.length === 2 && stops.length > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {t('dayRoute.printFor', { name: staff?.find((s) => s.id === staffIds[0])?.name ?? '' })}
          </Typography>
        )}
        {staffIds.length === 0 && <Alert severity="info">{t('dayRoute.choosePair')}</Alert>}
        {shown && stops.length === 0 && (
          <Alert severity="info">{t('dayRoute.empty', { date: shown.date })}</Alert>
        )}
        {shown && stops.length > 0 && (
          <>
            <Typography variant="subtitle1" sx={{ mb: 1 }}>
              {t('dayRoute.summary', {
                date: shown.date,
                staff: listJoin(shown.staff.map(staffLabelIn(lang)), lang),
                count: stops.length,
              })}
            </Typography>
            {shown.townships.map((tw) => (
              <Box key={tw.township} sx={{ mb: 2 }}>
                <Typography variant="h6" component="h2">
                  {tw.township || t('dayRoute.noTownship')}
                </Typography>
                {tw.villages.map((v) => (
                  <Box key={v.village} sx={{ ml: 2, mb: 1 }}>
                    <Typography variant="subtitle2" component="h3">
                      {v.village || t('dayRoute.noVillage')}
                    </Typography>
                    {/* Fixed layout: every village's table has the same columns, aligned. */}
                    <Table
                      size="small"
                      aria-label={`${tw.township} ${v.village}`}
                      sx={{ tableLayout: 'fixed' }}
                    >
                      <TableHead>
                        <TableRow>
                          <TableCell sx={{ width: 56, whiteSpace: 'nowrap' }}>
                            {t('dayRoute.seq')}
                          </TableCell>
                          <TableCell sx={{ width: 120 }}>{t('dayRoute.time')}</TableCell>
                          <TableCell>{t('dayRoute.borrower')}</TableCell>
                          <TableCell>{t('visitPlan.purpose')}</TableCell>
                          <TableCell>{t('visitPlan.staff')}</TableCell>
                          <TableCell>{t('visitView.status')}</TableCell>
                          <TableCell>{t('visitView.notice')}</TableCell>
                        </TableRow>
                      </TableHead>
                      <TableBody>
                        {v.visits.map((visit) => (
                          <TableRow key={visit.id}>
                            <TableCell>{++seq}</TableCell>
                            <TableCell>
                              {visit.start}–{visit.end}
                            </TableCell>
                            <TableCell>{visit.borrowerName}</TableCell>
                            <TableCell>{t(`visitPurpose.${visit.purpose}`)}</TableCell>
                            <TableCell>
                              {listJoin(
                                visit.staff.map((s) => s.name),
                                lang,
                              )}
                            </TableCell>
                            <TableCell>
                              <Chip size="small" label={t(`visitStatus.${visit.status}`)} />
                            </TableCell>
                            <TableCell>{t(`noticeStatus.${visit.noticeStatus}`)}</TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  </Box>
                ))}
              </Box>
            ))}
          </>
        )}
      </CardContent>
    </Card>
  );
}
