import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Box,
  Checkbox,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { approvalRuleCodes, arrangementPurposes } from '../../../../electron/shared/compliance';
import {
  planVisitInput,
  visitPlaces,
  visitPriorities,
  visitPurposes,
  type CheckResult,
  type PlanVisitInput,
  type VisitDetail,
} from '../../../../electron/shared/schemas/planning';
import { type StaffRow } from '../../../../electron/shared/schemas/staff';
import { useCan } from '../../app/session';
import { DateField, TimeField } from '../../components/DateField';
import { FormDialog } from '../../components/FormDialog';
import { applyServerError, fieldText } from '../../components/forms';
import { BorrowerField } from './BorrowerField';
import { StaffPicker } from '../staff/StaffPicker';
import { VisitLoansField } from './VisitLoansField';
import { useRuleCheck } from './useRuleCheck';
import { ViolationList } from './ViolationList';
import { ruleRefusal, type RuleRefusal } from './refusals';
import { useAction } from '../../components/useAction';

type PlanValues = z.output<typeof planVisitInput>;

export interface PlanDraft {
  borrowerId?: number;
  borrowerName?: string;
  date: string;
  start: string;
  end: string;
  staffIds?: number[];
}

/**
 * Plans one visit. The rules run while the planner types (`planning:check`), so a plan that
 * would be refused says why before it is sent; a refused plan shows the core's reasons. A
 * manager may override the rules that allow it, with a written reason the core audits; a
 * legal limit offers no override at all.
 */
export function PlanVisitDialog(props: {
  draft: PlanDraft;
  staff: readonly StaffRow[];
  onClose: () => void;
  onPlanned: (visit: VisitDetail) => void;
}) {
  const { t } = useTranslation();
  const manager = useCan('visits.override');
  const [refusal, setRefusal] = useState<RuleRefusal | null>(null);
  const [overriding, setOverriding] = useState(false);
  const { register, handleSubmit, control, formState, setError } = useForm<
    PlanVisitInput,
    unknown,
    PlanValues
  >({
    resolver: zodResolver(planVisitInput),
    defaultValues: {
      borrowerId: props.draft.borrowerId,
      date: props.draft.date,
      start: props.draft.start,
      end: props.draft.end,
      staffIds: props.draft.staffIds ?? [],
      loanIds: [],
      purpose: 'reminder',
      priority: 'normal',
      borrowerRequested: false,
      note: '',
      purposeReason: '',
      place: 'home',
      placeNote: '',
      disclosureRisk: false,
    },
  });
  const { override: _override, ...draft } = useWatch({ control });
  const check = useRuleCheck(draft);
  const violations = refusal?.violations ?? check.result?.violations ?? [];
  const canOverride = manager && (refusal?.canOverride ?? check.result?.canOverride ?? false);
  const legal = violations.some((v) => v.severity === 'legal');
  // A vulnerable borrower's visit favours a repayment arrangement, or the planner says why not.
  // What the rules last said about this borrower on this day stands while a new check runs.
  const who = `${draft.borrowerId ?? ''}|${draft.date ?? ''}`;
  const [known, setKnown] = useState<{ who: string; result: CheckResult } | null>(null);
  if (check.result && known?.result !== check.result) setKnown({ who, result: check.result });
  const vulnerable = known?.who === who ? (known.result.vulnerable ?? []) : [];
  const arrangement = (arrangementPurposes as readonly string[]).includes(draft.purpose ?? '');
  const askReason =
    violations.some((v) => v.code === 'VULNERABLE_PURPOSE') ||
    (vulnerable.length > 0 && !arrangement) ||
    Boolean(draft.purposeReason);
  const place = draft.place ?? 'home';

  const plan = useAction('planning:planVisit', {
    onDone: (visit) => props.onPlanned(visit),
    failureTo: 'inline',
    explain: (error, t) => {
      const refused = ruleRefusal(error);
      if (!refused) return applyServerError(error, setError, t);
      setRefusal(refused);
      return null;
    },
  });
  const failure = plan.failure;
  const submit = handleSubmit((values) => plan.run(values));
  // A new draft is judged afresh: the last refusal no longer describes it.
  const edited = () => refusal && setRefusal(null);

  const text = (
    name: 'note' | 'placeNote' | 'purposeReason',
    type: string,
    label: string,
    helper?: string,
  ) => (
    <TextField
      {...register(name, { onChange: edited })}
      type={type}
      label={label}
      error={Boolean(formState.errors[name])}
      helperText={fieldText(t, formState.errors[name]) ?? helper}
      slotProps={{ inputLabel: { shrink: true } }}
      sx={{ flex: 1 }}
    />
  );

  // Year-first dates and 24-hour times typed on the keyboard, whatever the OS locale.
  const picker = (name: 'date' | 'start' | 'end', label: string) => (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const Field = name === 'date' ? DateField : TimeField;
        return (
          <Field
            label={label}
            name={field.name}
            value={field.value}
            onChange={(value) => {
              edited();
              field.onChange(value);
            }}
            onBlur={field.onBlur}
            error={fieldText(t, fieldState.error)}
          />
        );
      }}
    />
  );

  const checkbox = (name: 'disclosureRisk' | 'borrowerRequested', label: string) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <FormControlLabel
          control={
            <Checkbox
              checked={Boolean(field.value)}
              onChange={(e) => {
                edited();
                field.onChange(e.target.checked);
              }}
            />
          }
          label={label}
        />
      )}
    />
  );

  return (
    <FormDialog
      title={t('visitPlan.title')}
      onSubmit={submit}
      onClose={props.onClose}
      maxWidth="sm"
      // Esc or a click outside asks before a typed plan is thrown away.
      dirty={formState.isDirty}
      submitting={formState.isSubmitting}
      // A legal limit nobody may override: there is nothing to send.
      submitDisabled={legal}
      submitColor={overriding && canOverride && !legal ? 'warning' : 'primary'}
      submitLabel={
        overriding && canOverride && !legal ? t('visitPlan.submitOverride') : t('visitPlan.submit')
      }
      failure={failure}
    >
      <Controller
        control={control}
        name="borrowerId"
        render={({ field, fieldState }) => (
          <BorrowerField
            value={field.value}
            onChange={(id) => {
              edited();
              field.onChange(id);
            }}
            onBlur={field.onBlur}
            name={props.draft.borrowerName}
            error={fieldText(t, fieldState.error)}
          />
        )}
      />
      <Controller
        control={control}
        name="loanIds"
        render={({ field }) => (
          <VisitLoansField
            borrowerId={draft.borrowerId}
            value={field.value ?? []}
            onChange={(ids) => {
              edited();
              field.onChange(ids);
            }}
          />
        )}
      />
      <Stack direction="row" spacing={2}>
        {picker('date', t('visitPlan.date'))}
        {picker('start', t('visitPlan.start'))}
        {picker('end', t('visitPlan.end'))}
      </Stack>
      <Controller
        control={control}
        name="staffIds"
        render={({ field, fieldState }) => (
          <StaffPicker
            staff={props.staff}
            value={field.value ?? []}
            onChange={(ids) => {
              edited();
              field.onChange(ids);
            }}
            onBlur={field.onBlur}
            label={t('visitPlan.staff')}
            error={fieldText(t, fieldState.error)}
            helperText={t('visitPlan.staffHelp')}
          />
        )}
      />
      <Stack direction="row" spacing={2}>
        <Controller
          control={control}
          name="purpose"
          render={({ field }) => (
            <TextField select label={t('visitPlan.purpose')} {...field} sx={{ flex: 2 }}>
              {visitPurposes.map((p) => (
                <MenuItem key={p} value={p}>
                  {t(`visitPurpose.${p}`)}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
        <Controller
          control={control}
          name="priority"
          render={({ field }) => (
            <TextField select label={t('visitPlan.priority')} {...field} sx={{ flex: 1 }}>
              {visitPriorities.map((p) => (
                <MenuItem key={p} value={p}>
                  {t(`visitPriority.${p}`)}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
      </Stack>
      {vulnerable.length > 0 && (
        <Alert severity="info" data-testid="plan-vulnerable">
          {t('visitPlan.vulnerable', {
            reasons: vulnerable.map((r) => t(`visitPlan.vulnerableReason.${r}`)).join('、'),
          })}
        </Alert>
      )}
      {askReason &&
        text(
          'purposeReason',
          'text',
          t('visitPlan.purposeReason'),
          t('visitPlan.purposeReasonHelp'),
        )}
      <Stack direction="row" spacing={2}>
        <Controller
          control={control}
          name="place"
          render={({ field }) => (
            <TextField
              select
              label={t('visitPlan.place')}
              {...field}
              onChange={(e) => {
                edited();
                field.onChange(e.target.value);
              }}
              sx={{ flex: 1 }}
            >
              {visitPlaces.map((p) => (
                <MenuItem key={p} value={p}>
                  {t(`visitPlace.${p}`)}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
        {place !== 'home' &&
          text(
            'placeNote',
            'text',
            place === 'workplace' ? t('visitPlan.workplaceNote') : t('visitPlan.otherNote'),
          )}
      </Stack>
      {checkbox('disclosureRisk', t('visitPlan.disclosureRisk'))}
      {checkbox('borrowerRequested', t('visitPlan.borrowerRequested'))}
      {text('note', 'text', t('visitPlan.note'))}
      <Box sx={{ minHeight: 4 }}>{check.checking && <LinearProgress />}</Box>
      <ViolationList
        violations={violations.filter((v) => !approvalRuleCodes.includes(v.code))}
        severity={refusal ? 'error' : 'warning'}
        title={refusal ? t('visitPlan.refusedTitle') : t('visitPlan.checkTitle')}
        testId="plan-violations"
      />
      {/* Not refusals: what the manager's approval answers. */}
      <ViolationList
        violations={violations.filter((v) => approvalRuleCodes.includes(v.code))}
        severity="info"
        title={t('visitPlan.approvalTitle')}
        testId="plan-approvals"
      />
      {check.result && !refusal && violations.length === 0 && (
        <Alert severity="success" data-testid="plan-check-ok">
          {t('visitPlan.checkOk')}
        </Alert>
      )}
      {check.result?.needsApproval && !refusal && (
        <Alert severity="info">{t('visitPlan.needsApproval')}</Alert>
      )}
      {check.result?.approvalSelf && !refusal && (
        <Alert severity="info" data-testid="plan-approval-self">
          {t('visitPlan.approvalSelf')}
        </Alert>
      )}
      {legal && <Alert severity="error">{t('visitPlan.legalNoOverride')}</Alert>}
      {canOverride && !legal && (
        <FormControlLabel
          control={
            <Checkbox checked={overriding} onChange={(e) => setOverriding(e.target.checked)} />
          }
          label={t('visitPlan.overrideAsManager')}
        />
      )}
      {canOverride && !legal && overriding && (
        <TextField
          {...register('override.reason', { shouldUnregister: true })}
          label={t('visitPlan.overrideReason')}
          multiline
          minRows={2}
          error={Boolean(formState.errors.override?.reason)}
          helperText={
            fieldText(t, formState.errors.override?.reason) ?? t('visitPlan.overrideHelp')
          }
        />
      )}
      {canOverride && !legal && overriding && check.result?.overrideWaitsForAnother && (
        <Alert severity="info">{t('visitPlan.overrideWaitsForAnother')}</Alert>
      )}
    </FormDialog>
  );
}
