import EditNoteIcon from '@mui/icons-material/EditNote';
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type {
  RecordDetail,
  RecordHistory,
} from '../../../../electron/shared/schemas/records-views';
import { formatYuan as yuan } from '../../../../electron/shared/money';
import { PrintAgreementButton, PrintReceiptButton } from '../notices/RecordPrintButtons';
import { ViolationList } from '../planning/ViolationList';
import { paymentSourceLines, promiseSourceLines } from '../../components/payment-sources';
import { clauseJoin, labelColon, listJoin, withAside } from '../../components/punctuation';
import { staffLabelIn } from '../../components/staff';
import { useTextLang } from '../../components/text-lang';

/** The sources behind money on a record: which files confirmed the cash, what kept a promise. */
function SourceLines({ lines, label }: { lines: string[]; label: string }) {
  if (lines.length === 0) return null;
  return (
    <Box component="ul" aria-label={label} sx={{ m: 0, pl: 3, color: 'text.secondary' }}>
      {lines.map((line) => (
        <Typography component="li" variant="body2" key={line}>
          {line}
        </Typography>
      ))}
    </Box>
  );
}

/** Kept and completed read as good news, broken as bad; the rest stay neutral. */
function statusColour(status: string): 'success' | 'error' | 'warning' | 'default' {
  if (status === 'kept' || status === 'completed' || status === 'approved') return 'success';
  if (status === 'broken' || status === 'rejected') return 'error';
  if (status === 'partly_kept') return 'warning';
  return 'default';
}

/**
 * One record in full: what happened, what it set in motion, and the compliance facts. The
 * effective record offers to print its receipt and its approved plan's agreement.
 */
function RecordBody({ record, printable = false }: { record: RecordDetail; printable?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = useTextLang();
  const s = record.situation;
  return (
    <Stack spacing={1}>
      <Typography>
        {record.date} {record.start}–{record.end} ·{' '}
        {listJoin(record.staff.map(staffLabelIn(lang)), lang)} ·{' '}
        {withAside(t(`visitPlace.${record.place ?? 'home'}`), record.placeNote, lang)}
      </Typography>
      <ViolationList
        violations={record.violations ?? []}
        severity="error"
        title={t('visits.record.violations')}
        testId={`record-violations-${record.id}`}
      />
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        <Chip label={t(`visits.met.${record.met}`)} />
        <Chip color="primary" label={t(`visits.outcome.${record.outcome}`)} />
      </Box>
      {record.borrowerWords && (
        <Typography>
          <b>{labelColon(t('visits.record.words'), lang)}</b>“{record.borrowerWords}”
        </Typography>
      )}
      {record.receipt && (
        <Typography>
          {t('visits.record.payment', {
            amount: yuan(record.receipt.amountFen),
            method: t(`visits.method.${record.receipt.method}`),
            no: record.receipt.receiptNo,
          })}{' '}
          {printable && <PrintReceiptButton receipt={record.receipt} />}
        </Typography>
      )}
      {record.receipt?.trail && (
        <SourceLines
          label={t('money.paymentSources')}
          lines={paymentSourceLines(record.receipt.trail, t)}
        />
      )}
      {record.promise && (
        <Typography>
          {t('visits.record.promise', {
            amount: yuan(record.promise.amountFen),
            due: record.promise.dueOn,
          })}{' '}
          <Chip
            size="small"
            color={statusColour(record.promise.status)}
            label={t(`visits.promiseStatus.${record.promise.status}`)}
          />
        </Typography>
      )}
      {record.promise && (
        <SourceLines
          label={t('money.promiseSources')}
          lines={promiseSourceLines(record.promise.paidBy, t)}
        />
      )}
      {record.plan && (
        <Box>
          <Typography>
            {t('visits.record.plan', {
              total: yuan(record.plan.totalFen),
              count: record.plan.instalments.length,
            })}{' '}
            <Chip
              size="small"
              color={statusColour(record.plan.status)}
              label={t(`visits.planStatus.${record.plan.status}`)}
            />{' '}
            {record.plan.selfApproved && (
              <>
                <Chip
                  size="small"
                  color="warning"
                  variant="outlined"
                  label={t('visits.plan.selfApproved')}
                />{' '}
              </>
            )}
            {printable && <PrintAgreementButton plan={record.plan} />}
          </Typography>
          <Table size="small" sx={{ maxWidth: 520 }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('visits.col.seq')}</TableCell>
                <TableCell>{t('visits.col.due')}</TableCell>
                <TableCell align="right">{t('visits.col.amount')}</TableCell>
                <TableCell>{t('visits.col.status')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {record.plan.instalments.map((i) => (
                <TableRow key={i.seq}>
                  <TableCell>{i.seq}</TableCell>
                  <TableCell>{i.dueOn}</TableCell>
                  <TableCell align="right">{yuan(i.amountFen)}</TableCell>
                  <TableCell>{t(`visits.promiseStatus.${i.status}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {s && (
        <Typography>
          <b>{labelColon(t('visits.record.situation'), lang)}</b>
          {clauseJoin([s.livelihood, s.income, s.expenses, s.assets].filter(Boolean), lang)}
          {s.householdSize !== null && ` · ${t('visits.form.householdSize')} ${s.householdSize}`}
          {s.monthlyIncomeFen !== null &&
            ` · ${t('visits.form.monthlyIncome')} ${yuan(s.monthlyIncomeFen)}`}
        </Typography>
      )}
      {record.nextAction && (
        <Typography>{t('visits.record.next', { action: record.nextAction })}</Typography>
      )}
      {record.followUpOn && (
        <Typography>{t('visits.record.followUp', { date: record.followUpOn })}</Typography>
      )}
      <Typography variant="body2" color="text.secondary">
        {t('visits.record.checklist', { ref: record.checklist.recordingRef })}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('visits.record.recordedBy', {
          name: record.recordedBy.name,
          at: new Date(record.recordedAt).toLocaleString(
            i18n.language === 'en' ? 'en-GB' : 'zh-CN',
          ),
        })}
        {/* Entered by someone who did not go (a clerk for two officers): said beside who went. */}
        {!record.staff.some((s) => s.id === record.recordedBy.id) &&
          ` · ${t('visits.record.enteredFor', { name: record.recordedBy.name })}`}
      </Typography>
    </Stack>
  );
}

export function RecordView({
  history,
  onAmend,
}: {
  history: RecordHistory;
  onAmend: (() => void) | null;
}) {
  const { t } = useTranslation();
  const effective = history.effective;
  return (
    <Stack spacing={2}>
      <Card>
        <CardHeader
          title={
            <Link component={RouterLink} to={`/cases/${effective.borrowerId}`}>
              {effective.borrowerName}
            </Link>
          }
          subheader={t('visits.record.effective')}
          action={
            onAmend && (
              <Button startIcon={<EditNoteIcon />} onClick={onAmend}>
                {t('visits.record.amend')}
              </Button>
            )
          }
        />
        <CardContent>
          <RecordBody record={effective} printable />
        </CardContent>
      </Card>
      {history.history.length > 1 && (
        <Card>
          <CardHeader title={t('visits.record.history')} />
          <CardContent>
            <Stack spacing={3}>
              {history.history.map((record) => (
                <Box key={record.id} component="article">
                  <Typography variant="subtitle2" gutterBottom>
                    #{record.id}{' '}
                    {record.amends === null
                      ? t('visits.record.original')
                      : t('visits.record.amendment', { reason: record.amendReason })}
                  </Typography>
                  <RecordBody record={record} />
                </Box>
              ))}
            </Stack>
          </CardContent>
        </Card>
      )}
    </Stack>
  );
}
