import { DialogContentText, MenuItem, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  reassignInput,
  type ReassignOutput,
  type reassignFilter,
} from '../../../../electron/shared/schemas/assignments';
import { issuesToFields } from '../../../../electron/shared/validation';
import { ApiError } from '../../api';
import { FormDialog } from '../../components/FormDialog';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';

export type CaseFilter = z.input<typeof reassignFilter>;

/** What is reassigned: cases by id (the case page), or the case list's current filter. */
export type ReassignTarget =
  | { by: 'cases'; borrowerIds: number[]; currentName: string | null }
  | { by: 'filter'; filter: CaseFilter; count: number };

/**
 * The manager's reassign form: to which active officer, and why (required: it goes on every
 * case's timeline and in the audit log). One call, one transaction, whatever the count.
 */
export function ReassignDialog(props: {
  target: ReassignTarget;
  onClose: () => void;
  onDone: (result: ReassignOutput) => void;
}) {
  const { t } = useTranslation();
  const officers = (useChannel('cases:officers', {}).data ?? []).filter(
    (o) => o.role === 'officer',
  );
  const [toOfficerId, setToOfficerId] = useState<number | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useAction('assignments:reassign', {
    done: (result) =>
      result.moved > 0 ? t('assignments.done', { moved: result.moved }) : t('assignments.doneNone'),
    onDone: (result) => props.onDone(result),
    failureTo: 'inline',
    explain: (error, t) => {
      if (!(error instanceof ApiError)) return t('e.INTERNAL');
      setErrors(error.error.fields ?? {});
      return t(`e.${error.error.code}`);
    },
  });
  const { target } = props;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input =
      target.by === 'cases'
        ? { by: 'cases' as const, borrowerIds: target.borrowerIds, toOfficerId, reason }
        : { by: 'filter' as const, filter: target.filter, toOfficerId, reason };
    const checked = reassignInput.safeParse(input);
    if (!checked.success) {
      setErrors(issuesToFields(checked.error));
      return;
    }
    setErrors({});
    void save.run(checked.data);
  };
  // A field's error goes once the field is changed; the others stay until the next try.
  const clear = (field: string) => setErrors(({ [field]: _gone, ...rest }) => rest);
  const officerError = errors.toOfficerId;
  const reasonError = errors.reason;
  return (
    <FormDialog
      title={
        target.by === 'cases'
          ? t('assignments.dialog.one')
          : t('assignments.dialog.many', { count: target.count })
      }
      onClose={props.onClose}
      onSubmit={submit}
      submitting={save.busy}
      failure={errors.filter ? t(errors.filter) : save.failure}
      submitLabel={t('assignments.submit')}
      maxWidth="sm"
    >
      <Stack spacing={2} sx={{ pt: 1 }}>
        <DialogContentText>
          {target.by === 'cases'
            ? t('assignments.dialog.current', {
                name: target.currentName ?? t('assignments.timeline.nobody'),
              })
            : t('assignments.dialog.filterHelp', { count: target.count })}
        </DialogContentText>
        <TextField
          select
          required
          autoFocus
          label={t('assignments.toOfficer')}
          value={toOfficerId === '' ? '' : String(toOfficerId)}
          onChange={(e) => {
            setToOfficerId(e.target.value === '' ? '' : Number(e.target.value));
            clear('toOfficerId');
          }}
          error={Boolean(officerError)}
          helperText={
            officerError ? t(officerError === 'v.invalid' ? 'v.required' : officerError) : ' '
          }
          fullWidth
        >
          {officers.map((o) => (
            <MenuItem key={o.id} value={String(o.id)}>
              {t('assignments.officerOption', { name: o.name, staffNo: o.staffNo, cases: o.cases })}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          required
          label={t('assignments.reason')}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            clear('reason');
          }}
          error={Boolean(reasonError)}
          helperText={reasonError ? t(reasonError) : t('assignments.reasonHelp')}
          slotProps={{ htmlInput: { maxLength: 200 } }}
          multiline
          minRows={2}
          fullWidth
        />
      </Stack>
    </FormDialog>
  );
}
