import {
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  FormControlLabel,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CashHolder, HandInRow } from '../../../../electron/shared/schemas/cash-handins';
import { formatYuan as yuan } from '../../../../electron/shared/money';
import { useCan } from '../../app/session';
import { Page } from '../../components/Page';
import { useChannel } from '../../components/useChannel';
import { HandInDialog, SignOffDialog, signedYuan } from './CashDialogs';
import { HandInPrintButton } from './HandInPrintButton';
import { StaffLabel } from '../../components/staff';

/** Every hand-in on file, newest first (the list is capped in the core). */
const ALL_DAYS = { from: '2000-01-01', to: '2099-12-31' };

/** The money each officer still holds, per day, with the day it is due by. */
export function CashHoldersTable(props: {
  holders: readonly CashHolder[];
  label: string;
  onHandIn?: (holder: CashHolder) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>{t('cash.col.officer')}</TableCell>
          <TableCell>{t('cash.col.day')}</TableCell>
          <TableCell align="right">{t('cash.col.receipts')}</TableCell>
          <TableCell align="right">{t('cash.col.amount')}</TableCell>
          <TableCell>{t('cash.col.dueBy')}</TableCell>
          <TableCell>{t('cash.col.status')}</TableCell>
          {props.onHandIn && <TableCell />}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.holders.map((h) => (
          <TableRow key={`${h.day}-${h.officerId}`}>
            <TableCell>
              <StaffLabel staff={{ name: h.officerName, staffNo: h.staffNo }} />
            </TableCell>
            <TableCell>{h.day}</TableCell>
            <TableCell align="right">{t('cash.receiptCount', { count: h.receiptCount })}</TableCell>
            <TableCell align="right">{yuan(h.amountFen)}</TableCell>
            <TableCell>{h.dueBy}</TableCell>
            <TableCell>
              <Chip
                size="small"
                color={h.late ? 'error' : 'default'}
                label={h.late ? t('cash.late') : t('cash.inTime')}
              />
            </TableCell>
            {props.onHandIn && (
              <TableCell align="right">
                <Button size="small" onClick={() => props.onHandIn?.(h)}>
                  {t('cash.handIn')}
                </Button>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function statusText(h: HandInRow, t: TFunction): string {
  if (h.differenceFen === 0) return t('cash.status.ok');
  if (h.open) return t('cash.status.open');
  return t('cash.status.signed', { name: h.signedOffBy ?? '' });
}

/** /visits/cash — money due from the officers, hand-ins and their differences (缴款登记). */
export function CashPage() {
  const { t } = useTranslation();
  const canHandIn = useCan('cash.handIn');
  const canSignOff = useCan('cash.signOff');
  const [openOnly, setOpenOnly] = useState(false);
  const [version, setVersion] = useState(0);
  const holders = useChannel('records:cashHolders', {}, { version });
  const handIns = useChannel('records:handIns', { ...ALL_DAYS, openOnly }, { version });
  const [handingIn, setHandingIn] = useState<CashHolder | null>(null);
  const [signing, setSigning] = useState<HandInRow | null>(null);
  const changed = () => setVersion((v) => v + 1);
  const dueTitle = t('cash.due.title');
  const listTitle = t('cash.list.title');

  return (
    <Page title={t('cash.title')}>
      <Stack spacing={2}>
        <Typography color="text.secondary">{t('cash.help')}</Typography>
        <Card component="section" aria-label={dueTitle}>
          <CardHeader
            title={dueTitle}
            action={<Chip label={holders.data?.length ?? '…'} />}
            slotProps={{ title: { variant: 'h6', component: 'h2' } }}
          />
          <CardContent sx={{ pt: 0 }}>
            {holders.data?.length === 0 ? (
              <Typography color="text.secondary">{t('cash.due.empty')}</Typography>
            ) : (
              <CashHoldersTable
                holders={holders.data ?? []}
                label={dueTitle}
                {...(canHandIn ? { onHandIn: setHandingIn } : {})}
              />
            )}
          </CardContent>
        </Card>
        <Card component="section" aria-label={listTitle}>
          <CardHeader
            title={listTitle}
            action={
              <FormControlLabel
                control={
                  <Switch checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
                }
                label={t('cash.list.openOnly')}
              />
            }
            slotProps={{ title: { variant: 'h6', component: 'h2' } }}
          />
          <CardContent sx={{ pt: 0 }}>
            {handIns.data?.length === 0 ? (
              <Typography color="text.secondary">{t('cash.list.empty')}</Typography>
            ) : (
              <Table
                size="small"
                aria-label={listTitle}
                // Headings, counts and sums on one line at 1366 px; the explanation wraps.
                sx={{ '& th, & td.MuiTableCell-alignRight': { whiteSpace: 'nowrap' } }}
              >
                <TableHead>
                  <TableRow>
                    <TableCell>{t('cash.col.day')}</TableCell>
                    <TableCell>{t('cash.col.officer')}</TableCell>
                    <TableCell align="right">{t('cash.col.receipts')}</TableCell>
                    <TableCell align="right">{t('cash.col.expected')}</TableCell>
                    <TableCell align="right">{t('cash.col.counted')}</TableCell>
                    <TableCell align="right">{t('cash.col.difference')}</TableCell>
                    <TableCell>{t('cash.col.explanation')}</TableCell>
                    <TableCell>{t('cash.col.status')}</TableCell>
                    <TableCell />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {(handIns.data ?? []).map((h) => (
                    <TableRow key={h.id}>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{h.day}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        <StaffLabel staff={{ name: h.officerName, staffNo: h.staffNo }} />
                      </TableCell>
                      <TableCell align="right">
                        {t('cash.receiptCount', { count: h.receipts.length })}
                      </TableCell>
                      <TableCell align="right">{yuan(h.expectedFen)}</TableCell>
                      <TableCell align="right">{yuan(h.countedFen)}</TableCell>
                      <TableCell
                        align="right"
                        sx={{ color: h.differenceFen === 0 ? undefined : 'error.main' }}
                      >
                        {signedYuan(h.differenceFen)}
                      </TableCell>
                      <TableCell>{h.explanation}</TableCell>
                      <TableCell>
                        <Chip
                          size="small"
                          color={h.open ? 'warning' : h.differenceFen === 0 ? 'default' : 'success'}
                          label={statusText(h, t)}
                        />
                        {h.receipts.some((r) => r.late) && (
                          <Chip
                            size="small"
                            color="error"
                            label={t('cash.handInLate')}
                            sx={{ ml: 1 }}
                          />
                        )}
                      </TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        {canSignOff && h.open && (
                          <Button size="small" onClick={() => setSigning(h)}>
                            {t('cash.signOff')}
                          </Button>
                        )}
                        <HandInPrintButton handIn={h} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </Stack>
      {handingIn && (
        <HandInDialog
          officerId={handingIn.officerId}
          day={handingIn.day}
          onClose={() => setHandingIn(null)}
          onDone={() => {
            setHandingIn(null);
            changed();
          }}
        />
      )}
      {signing && (
        <SignOffDialog
          handIn={signing}
          onClose={() => setSigning(null)}
          onDone={() => {
            setSigning(null);
            changed();
          }}
        />
      )}
    </Page>
  );
}
