import { zodResolver } from '@hookform/resolvers/zod';
import { Grid, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  addContactEventInput,
  addNoteInput,
  contactDirections,
  contactKinds,
  contactOutcomes,
  type ContactView,
} from '../../../../electron/shared/schemas/cases';
import { call } from '../../api';
import { applyServerError, bindField, fieldError } from '../../components/forms';
import { useToast } from '../../components/Toasts';
import { FormDialog } from '../../components/FormDialog';

interface DialogProps {
  borrowerId: number;
  onClose: () => void;
  onSaved: () => void;
}

export function NoteDialog(props: DialogProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<z.input<typeof addNoteInput>, unknown, z.output<typeof addNoteInput>>({
    resolver: zodResolver(addNoteInput),
    defaultValues: { borrowerId: props.borrowerId, text: '' },
  });
  const submit = form.handleSubmit(async (values) => {
    try {
      await call('cases:addNote', values);
      toast(t('cases.note.added'));
      props.onSaved();
    } catch (error) {
      setFailure(applyServerError(error, form.setError, t));
    }
  });
  return (
    <FormDialog
      title={t('cases.note.title')}
      onClose={props.onClose}
      onSubmit={submit}
      submitting={form.formState.isSubmitting}
      failure={failure}
      submitLabel={t('common.save')}
      maxWidth="sm"
    >
      <TextField
        {...bindField(form, 'text', t)}
        label={t('cases.note.text')}
        multiline
        minRows={4}
        autoFocus
      />
    </FormDialog>
  );
}

/** "2026-03-05T14:30" as the local-time input shows it, from an ISO instant. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

type EventForm = z.input<typeof addContactEventInput>;

/** A call, SMS, visit or letter and how it went; contacts are offered only as recorded. */
export function ContactEventDialog(props: DialogProps & { contacts: ContactView[] }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<EventForm, unknown, z.output<typeof addContactEventInput>>({
    resolver: zodResolver(addContactEventInput),
    mode: 'onTouched',
    defaultValues: {
      borrowerId: props.borrowerId,
      at: new Date().toISOString(),
      kind: 'call',
      direction: 'outbound',
      contactId: null,
      outcome: 'reached',
      note: '',
    },
  });
  const submit = form.handleSubmit(async (values) => {
    try {
      await call('cases:addContactEvent', values);
      toast(t('cases.event.added'));
      props.onSaved();
    } catch (error) {
      setFailure(applyServerError(error, form.setError, t));
    }
  });
  const { control } = form;
  const select = <N extends 'kind' | 'direction' | 'outcome'>(
    name: N,
    options: readonly string[],
    prefix: string,
  ) => (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          select
          label={t(`cases.event.${name}`)}
          {...field}
          error={Boolean(fieldState.error)}
          helperText={fieldError(t, fieldState.error)}
          fullWidth
        >
          {options.map((o) => (
            <MenuItem key={o} value={o}>
              {t(`${prefix}.${o}`)}
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );
  return (
    <FormDialog
      title={t('cases.event.title')}
      onClose={props.onClose}
      onSubmit={submit}
      submitting={form.formState.isSubmitting}
      failure={failure}
      submitLabel={t('common.save')}
      maxWidth="sm"
    >
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Controller
            control={control}
            name="at"
            render={({ field, fieldState }) => (
              <TextField
                type="datetime-local"
                label={t('cases.event.at')}
                value={field.value ? toLocalInput(field.value) : ''}
                onChange={(e) =>
                  field.onChange(e.target.value ? new Date(e.target.value).toISOString() : '')
                }
                onBlur={field.onBlur}
                slotProps={{ inputLabel: { shrink: true } }}
                error={Boolean(fieldState.error)}
                helperText={fieldError(t, fieldState.error)}
                fullWidth
              />
            )}
          />
        </Grid>
        <Grid size={{ xs: 6, sm: 3 }}>{select('kind', contactKinds, 'cases.event.kind')}</Grid>
        <Grid size={{ xs: 6, sm: 3 }}>
          {select('direction', contactDirections, 'cases.event.direction')}
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          {select('outcome', contactOutcomes, 'cases.event.outcome')}
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Controller
            control={control}
            name="contactId"
            render={({ field, fieldState }) => (
              <TextField
                select
                label={t('cases.event.whom')}
                value={field.value === null || field.value === undefined ? '' : String(field.value)}
                onChange={(e) =>
                  field.onChange(e.target.value === '' ? null : Number(e.target.value))
                }
                error={Boolean(fieldState.error)}
                helperText={fieldError(t, fieldState.error) ?? t('cases.event.whomHelp')}
                fullWidth
              >
                <MenuItem value="">{t('cases.event.borrower')}</MenuItem>
                {props.contacts.map((c) => (
                  <MenuItem
                    key={c.id}
                    value={String(c.id)}
                    disabled={!c.isGuarantor && !c.consentToContact}
                  >
                    {c.name}（{t(`cases.contact.relation.${c.relation}`)}）
                    {!c.isGuarantor && !c.consentToContact
                      ? ` · ${t('cases.contact.consentNo')}`
                      : ''}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
        </Grid>
        <Grid size={12}>
          <TextField
            {...bindField(form, 'note', t)}
            label={t('cases.event.note')}
            multiline
            minRows={3}
            fullWidth
          />
        </Grid>
      </Grid>
    </FormDialog>
  );
}
