import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Button,
  Checkbox,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  Grid,
  IconButton,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import {
  Controller,
  useFieldArray,
  useWatch,
  type Path,
  type UseFormReturn,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  caseStatuses,
  updateBorrowerInput,
  vulnerableReasons,
  type BorrowerView,
  type CreateBorrowerInput,
} from '../../../../electron/shared/schemas/cases';
import { bindField, fieldError } from '../../components/forms';
import { AddressPicker, addressLevels, type AddressValue } from './AddressPicker';
import { useChannel } from '../../components/useChannel';

/** The form holds the create input; in an edit an empty resident ID means unchanged. */
export type BorrowerForm = CreateBorrowerInput;
/** An edit validates with the update schema; the id is not a form field. */
export const editBorrowerSchema = updateBorrowerInput.omit({ id: true });
export type BorrowerFormOutput = z.output<typeof editBorrowerSchema>;

type Form = UseFormReturn<BorrowerForm, unknown, BorrowerFormOutput>;

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Stack spacing={1.5}>
      <Typography variant="subtitle2" color="primary" component="h3">
        {props.title}
      </Typography>
      {props.children}
    </Stack>
  );
}

/** A count field: empty means unknown (null), not zero. */
function CountField(props: { form: Form; name: 'householdSize' | 'dependents'; label: string }) {
  const { t } = useTranslation();
  return (
    <Controller
      control={props.form.control}
      name={props.name}
      render={({ field, fieldState }) => (
        <TextField
          type="number"
          label={props.label}
          value={field.value ?? ''}
          onChange={(e) => field.onChange(e.target.value === '' ? null : Number(e.target.value))}
          onBlur={field.onBlur}
          slotProps={{ htmlInput: { min: 0, max: 99, step: 1 } }}
          error={Boolean(fieldState.error)}
          helperText={fieldError(t, fieldState.error)}
          fullWidth
        />
      )}
    />
  );
}

/** Every borrower field, grouped as the officer thinks of them. */
export function BorrowerFields({ form, borrower }: { form: Form; borrower?: BorrowerView }) {
  const { t } = useTranslation();
  const { formState, control, setValue } = form;
  const errors = formState.errors;
  // The officer list only offers choices; without it the field is simply empty.
  const officers = useChannel('cases:officers', {}, { failure: 'quiet' }).data ?? [];
  const members = useFieldArray({ control, name: 'householdMembers' });

  const text = (name: Path<BorrowerForm>, label: string, extra: object = {}) => (
    <TextField {...bindField(form, name, t)} label={label} fullWidth {...extra} />
  );

  const address = useWatch({
    control,
    name: [
      'province',
      'provinceCode',
      'city',
      'cityCode',
      'county',
      'countyCode',
      'township',
      'townshipCode',
      'village',
      'villageCode',
    ],
  });
  const addressValue = Object.fromEntries(
    addressLevels.map((level, i) => [
      level,
      { name: address[i * 2] ?? '', code: (address[i * 2 + 1] as string | null) ?? null },
    ]),
  ) as AddressValue;
  const setAddress = (value: AddressValue) => {
    for (const level of addressLevels) {
      setValue(level, value[level].name, { shouldDirty: true });
      setValue(`${level}Code`, value[level].code, { shouldDirty: true });
    }
  };
  const vulnerable = useWatch({ control, name: 'vulnerable' });
  const anyVulnerable = vulnerableReasons.some((r) => vulnerable?.[r]);

  return (
    <Stack spacing={3}>
      <Section title={t('cases.borrower.section.identity')}>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 4 }}>
            {text('name', t('cases.borrower.name'), { autoFocus: true })}
          </Grid>
          <Grid size={{ xs: 12, sm: 5 }}>
            {text('idNumber', t('cases.borrower.idNumber'), {
              placeholder: borrower?.idNumberMasked,
              slotProps: { inputLabel: borrower ? { shrink: true } : undefined },
              ...(borrower && !errors.idNumber ? { helperText: t('cases.borrower.keepHelp') } : {}),
            })}
          </Grid>
          <Grid size={{ xs: 12, sm: 3 }}>
            <Controller
              control={control}
              name="status"
              render={({ field }) => (
                <TextField select label={t('cases.borrower.status')} {...field} fullWidth>
                  {caseStatuses.map((s) => (
                    <MenuItem key={s} value={s}>
                      {t(`cases.status.${s}`)}
                    </MenuItem>
                  ))}
                </TextField>
              )}
            />
          </Grid>
        </Grid>
      </Section>

      <Section title={t('cases.borrower.section.contact')}>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 4 }}>
            {text('mobile', t('cases.borrower.mobile'), {
              placeholder: borrower?.mobileMasked ?? undefined,
              slotProps: { inputLabel: borrower ? { shrink: true } : undefined },
              ...(borrower && !errors.mobile ? { helperText: t('cases.borrower.keepHelp') } : {}),
            })}
          </Grid>
          <Grid size={{ xs: 12, sm: 8 }}>
            <Controller
              control={control}
              name="otherPhones"
              render={({ field, fieldState }) => {
                const itemError = Array.isArray(errors.otherPhones)
                  ? errors.otherPhones.find(Boolean)
                  : undefined;
                return (
                  <TextField
                    label={t('cases.borrower.otherPhones')}
                    placeholder={borrower?.otherPhonesMasked.join(', ')}
                    defaultValue={(field.value ?? []).join(', ')}
                    onChange={(e) =>
                      field.onChange(
                        e.target.value
                          .split(/[,，;；\s]+/)
                          .map((p) => p.trim())
                          .filter(Boolean),
                      )
                    }
                    onBlur={field.onBlur}
                    error={Boolean(fieldState.error ?? itemError)}
                    helperText={fieldError(t, fieldState.error ?? itemError)}
                    fullWidth
                  />
                );
              }}
            />
          </Grid>
          <Grid size={12}>
            {text('preferredContactTimes', t('cases.borrower.preferredContactTimes'))}
          </Grid>
        </Grid>
      </Section>

      <Section title={t('cases.borrower.section.address')}>
        <AddressPicker
          value={addressValue}
          onChange={setAddress}
          errors={Object.fromEntries(
            addressLevels.map((l) => [l, fieldError(t, errors[l] ?? errors[`${l}Code`])]),
          )}
        />
        {text('addressDetail', t('cases.borrower.addressDetail'))}
      </Section>

      <Section title={t('cases.borrower.section.situation')}>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 6 }}>{text('occupation', t('cases.borrower.occupation'))}</Grid>
          <Grid size={{ xs: 6, sm: 3 }}>
            <CountField
              form={form}
              name="householdSize"
              label={t('cases.borrower.householdSize')}
            />
          </Grid>
          <Grid size={{ xs: 6, sm: 3 }}>
            <CountField form={form} name="dependents" label={t('cases.borrower.dependents')} />
          </Grid>
        </Grid>
        <Typography variant="body2" color="text.secondary">
          {t('cases.borrower.householdMembers')}
        </Typography>
        {members.fields.map((member, index) => (
          <Stack key={member.id} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            {text(`householdMembers.${index}.name`, t('cases.borrower.member.name'))}
            {text(`householdMembers.${index}.relation`, t('cases.borrower.member.relation'))}
            <Controller
              control={control}
              name={`householdMembers.${index}.age`}
              render={({ field }) => (
                <TextField
                  type="number"
                  label={t('cases.borrower.member.age')}
                  value={field.value ?? ''}
                  onChange={(e) =>
                    field.onChange(e.target.value === '' ? null : Number(e.target.value))
                  }
                  sx={{ width: 110, flexShrink: 0 }}
                />
              )}
            />
            {text(`householdMembers.${index}.note`, t('cases.borrower.member.note'))}
            <IconButton
              aria-label={t('cases.borrower.member.remove')}
              onClick={() => members.remove(index)}
            >
              <DeleteIcon />
            </IconButton>
          </Stack>
        ))}
        <div>
          <Button
            size="small"
            startIcon={<AddIcon />}
            onClick={() => members.append({ name: '', relation: '', age: null, note: '' })}
          >
            {t('cases.borrower.member.add')}
          </Button>
        </div>
      </Section>

      <Section title={t('cases.borrower.section.vulnerability')}>
        <FormGroup row>
          {vulnerableReasons.map((reason) => (
            <Controller
              key={reason}
              control={control}
              name={`vulnerable.${reason}`}
              render={({ field }) => (
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={Boolean(field.value)}
                      onChange={(e) => field.onChange(e.target.checked)}
                    />
                  }
                  label={t(`cases.vuln.${reason}`)}
                />
              )}
            />
          ))}
        </FormGroup>
        {anyVulnerable && <FormHelperText>{t('cases.borrower.vulnerabilityHelp')}</FormHelperText>}
        {text('vulnerabilityNotes', t('cases.borrower.vulnerabilityNotes'), {
          multiline: true,
          minRows: 2,
        })}
      </Section>

      <Section title={t('cases.borrower.section.assignment')}>
        <Controller
          control={control}
          name="officerId"
          render={({ field }) => (
            <TextField
              select
              label={t('cases.borrower.officer')}
              value={field.value === null || field.value === undefined ? '' : String(field.value)}
              onChange={(e) =>
                field.onChange(e.target.value === '' ? null : Number(e.target.value))
              }
              sx={{ maxWidth: 320 }}
              fullWidth
            >
              <MenuItem value="">{t('cases.filter.unassigned')}</MenuItem>
              {officers.map((o) => (
                <MenuItem key={o.id} value={String(o.id)}>
                  {o.name}（{o.staffNo}）
                </MenuItem>
              ))}
            </TextField>
          )}
        />
      </Section>
    </Stack>
  );
}
