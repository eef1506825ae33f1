import {
  Checkbox,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandInRow } from '../../../../electron/shared/schemas/cash-handins';
import { formatYuan as yuan, parseYuanToFen } from '../../../../electron/shared/money';
import { ApiError } from '../../api';
import { errorMessage } from '../../components/error-text';
import { FormDialog } from '../../components/FormDialog';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';
import { labelColon } from '../../components/punctuation';
import { useTextLang } from '../../components/text-lang';

/** A refused write in words: the field's own message when the core named one. */
export function explainWrite(error: unknown, t: TFunction): string {
  const fields = error instanceof ApiError ? error.error.fields : undefined;
  const key = fields ? Object.values(fields)[0] : undefined;
  return key ? t(key) : errorMessage(error, t);
}

/** Signed yuan: −¥100.00 short, +¥0.44 over. */
export const signedYuan = (fen: number) =>
  fen === 0 ? yuan(0) : `${fen < 0 ? '−' : '+'}${yuan(Math.abs(fen))}`;

/**
 * Records one officer's hand-in for one day: the receipts still due (all ticked), the amount
 * counted, and the explanation a difference needs. One write, records:handIn.
 */
export function HandInDialog(props: {
  officerId: number;
  day: string;
  onClose: () => void;
  onDone: (row: HandInRow) => void;
}) {
  const { t } = useTranslation();
  const { data: due } = useChannel('records:cashDue', {
    officerId: props.officerId,
    day: props.day,
  });
  const [unticked, setUnticked] = useState<ReadonlySet<number>>(new Set());
  const [counted, setCounted] = useState('');
  const [explanation, setExplanation] = useState('');
  const save = useAction('records:handIn', {
    failureTo: 'inline',
    explain: explainWrite,
    done: (row) => t('cash.form.done', { amount: yuan(row.countedFen) }),
    onDone: (row) => props.onDone(row),
  });
  const chosen = (due?.receipts ?? []).filter((r) => !unticked.has(r.receiptId));
  const expectedFen = chosen.reduce((sum, r) => sum + r.amountFen, 0);
  const countedFen = counted.trim() === '' ? null : parseYuanToFen(counted);
  const differenceFen = countedFen === null ? null : countedFen - expectedFen;

  return (
    <FormDialog
      title={t('cash.form.title', { name: due?.officerName ?? '', day: props.day })}
      submitLabel={t('cash.form.save')}
      maxWidth="md"
      submitting={save.busy}
      failure={save.failure}
      submitDisabled={!due || chosen.length === 0 || countedFen === null}
      dirty={counted !== '' || explanation !== ''}
      onClose={props.onClose}
      onSubmit={(event) => {
        event.preventDefault();
        if (countedFen === null) return;
        void save.run({
          officerId: props.officerId,
          day: props.day,
          receiptIds: chosen.map((r) => r.receiptId),
          countedFen,
          explanation,
        });
      }}
    >
      <Stack spacing={2}>
        <Table size="small" aria-label={t('cash.col.receipts')}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox" />
              <TableCell>{t('cash.col.receiptNo')}</TableCell>
              <TableCell>{t('cash.col.paidAt')}</TableCell>
              <TableCell>{t('cash.col.borrower')}</TableCell>
              <TableCell>{t('cash.col.method')}</TableCell>
              <TableCell align="right">{t('cash.col.amount')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(due?.receipts ?? []).map((r) => (
              <TableRow key={r.receiptId}>
                <TableCell padding="checkbox">
                  <Checkbox
                    checked={!unticked.has(r.receiptId)}
                    slotProps={{ input: { 'aria-label': r.receiptNo } }}
                    onChange={(e) => {
                      const next = new Set(unticked);
                      if (e.target.checked) next.delete(r.receiptId);
                      else next.add(r.receiptId);
                      setUnticked(next);
                    }}
                  />
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.receiptNo}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.paidAt.replace('T', ' ')}</TableCell>
                <TableCell>{r.borrowerName}</TableCell>
                <TableCell>{t(`cash.method.${r.method}`)}</TableCell>
                <TableCell align="right">{yuan(r.amountFen)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Typography>{t('cash.form.expected', { amount: yuan(expectedFen) })}</Typography>
        <TextField
          label={t('cash.form.counted')}
          value={counted}
          onChange={(e) => setCounted(e.target.value)}
          error={counted.trim() !== '' && countedFen === null}
          helperText={counted.trim() !== '' && countedFen === null ? t('v.amount') : ' '}
          slotProps={{ htmlInput: { inputMode: 'decimal' }, inputLabel: { shrink: true } }}
          required
        />
        {differenceFen !== null && (
          <Typography color={differenceFen === 0 ? 'success.main' : 'error.main'} role="status">
            {t('cash.form.difference', { amount: signedYuan(differenceFen) })}
          </Typography>
        )}
        <TextField
          label={t('cash.form.explanation')}
          value={explanation}
          onChange={(e) => {
            setExplanation(e.target.value);
            // The refusal asked for this explanation: once it is being written, it is answered.
            save.clearFailure();
          }}
          helperText={t('cash.form.explanationHelp')}
          required={differenceFen !== null && differenceFen !== 0}
          slotProps={{ inputLabel: { shrink: true } }}
          multiline
          minRows={2}
        />
      </Stack>
    </FormDialog>
  );
}

/** The manager signs off a hand-in's difference, with a note. */
export function SignOffDialog(props: {
  handIn: HandInRow;
  onClose: () => void;
  onDone: (row: HandInRow) => void;
}) {
  const { t } = useTranslation();
  const lang = useTextLang();
  const [note, setNote] = useState('');
  const save = useAction('records:signOffHandIn', {
    failureTo: 'inline',
    explain: explainWrite,
    done: t('cash.signOff.done'),
    onDone: (row) => props.onDone(row),
  });
  const h = props.handIn;
  return (
    <FormDialog
      title={t('cash.signOff.title', {
        name: h.officerName,
        day: h.day,
        amount: signedYuan(h.differenceFen),
      })}
      submitLabel={t('cash.signOff.save')}
      submitting={save.busy}
      failure={save.failure}
      dirty={note !== ''}
      onClose={props.onClose}
      onSubmit={(event) => {
        event.preventDefault();
        void save.run({ handInId: h.id, note });
      }}
    >
      <Stack spacing={2}>
        <Typography>
          {labelColon(t('cash.col.explanation'), lang)}
          {h.explanation}
        </Typography>
        <TextField
          label={t('cash.signOff.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          multiline
          minRows={2}
        />
      </Stack>
    </FormDialog>
  );
}
