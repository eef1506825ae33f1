import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, AlertTitle, Grid, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  addContactEventInput,
  addNoteInput,
  contactDirections,
  contactKinds,
  contactOutcomes,
  type ContactView,
} from '../../../../electron/shared/schemas/cases';
import { ApiError } from '../../api';
import { useCan } from '../../app/session';
import { FormDateField } from '../../components/DateField';
import { applyServerError, bindField, fieldError, serverErrors } from '../../components/forms';
import { useAction } from '../../components/useAction';
import { FormDialog } from '../../components/FormDialog';

interface DialogProps {
  borrowerId: number;
  onClose: () => void;
  onSaved: () => void;
}

export function NoteDialog(props: DialogProps) {
  const { t } = useTranslation();
  const form = useForm<z.input<typeof addNoteInput>, unknown, z.output<typeof addNoteInput>>({
    resolver: zodResolver(addNoteInput),
    defaultValues: { borrowerId: props.borrowerId, text: '' },
  });
  const add = useAction('cases:addNote', {
    done: t('cases.note.added'),
    onDone: () => props.onSaved(),
    failureTo: 'inline',
    explain: serverErrors(form.setError),
  });
  const submit = form.handleSubmit((values) => add.run(values));
  return (
    <FormDialog
      title={t('cases.note.title')}
      onClose={props.onClose}
      onSubmit={submit}
      submitting={form.formState.isSubmitting}
      failure={add.failure}
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

type EventForm = z.input<typeof addContactEventInput>;

const bilingual = z.object({ zh: z.string(), en: z.string() });
const contactRefusal = z.object({ reason: bilingual, managerOnly: z.boolean() });

/** The reason a contact was refused by the contact rules, in both languages (or null). */
export function contactRefusalOf(error: unknown): z.infer<typeof bilingual> | null {
  if (!(error instanceof ApiError) || error.error.code !== 'RULE_VIOLATION') return null;
  const parsed = contactRefusal.safeParse(error.error.details);
  return parsed.success ? parsed.data.reason : null;
}

/**
 * A call, SMS, visit or letter and how it went; contacts are offered only as recorded. A contact
 * the rules refuse (22:00–08:00, the day's limit of calls and texts) is refused with the reason
 * shown in the form; a borrower-initiated one at such a time is the manager's to record.
 */
export function ContactEventDialog(props: DialogProps & { contacts: ContactView[] }) {
  const { t, i18n } = useTranslation();
  const canExempt = useCan('contacts.exempt');
  const [refusal, setRefusal] = useState<{
    reason: { zh: string; en: string };
    values: string;
  } | null>(null);
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
  const add = useAction('cases:addContactEvent', {
    done: t('cases.event.added'),
    onDone: () => props.onSaved(),
    failureTo: 'inline',
    explain: (error, t) => {
      const message = applyServerError(error, form.setError, t);
      // The contact rules' reason shows in the form, for the values it was given about.
      const reason = contactRefusalOf(error);
      setRefusal(reason && { reason, values: JSON.stringify(form.getValues()) });
      return reason ? null : message;
    },
  });
  const failure = add.failure;
  const submit = form.handleSubmit((values) => add.run(values));
  const { control } = form;
  const values = useWatch({ control });
  const direction = values.direction;
  // A changed contact is judged afresh: the last refusal no longer describes it.
  const refused = refusal?.values === JSON.stringify(values) ? refusal.reason : null;
  const directionHelp =
    direction === 'inbound'
      ? t(canExempt ? 'cases.event.inboundHelpManager' : 'cases.event.inboundHelp')
      : t('cases.event.outboundHelp');
  const select = <N extends 'kind' | 'direction' | 'outcome'>(
    name: N,
    options: readonly string[],
    prefix: string,
    help?: string,
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
          helperText={fieldError(t, fieldState.error) ?? help}
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
          <FormDateField
            kind="dateTime"
            control={control}
            name="at"
            label={t('cases.event.at')}
            required
            fullWidth
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>{select('kind', contactKinds, 'cases.event.kind')}</Grid>
        <Grid size={12}>
          {select('direction', contactDirections, 'cases.event.direction', directionHelp)}
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
        {refused && (
          <Grid size={12}>
            <Alert severity="error" data-testid="contact-refusal">
              <AlertTitle>{t('cases.event.refused')}</AlertTitle>
              {refused[i18n.language === 'en' ? 'en' : 'zh']}
            </Alert>
          </Grid>
        )}
      </Grid>
    </FormDialog>
  );
}
