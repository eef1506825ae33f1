import { zodResolver } from '@hookform/resolvers/zod';
import { TextField, Typography } from '@mui/material';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { planDecisionInput, planRejectInput } from '../../../../electron/shared/schemas/records';
import type { PlanRow } from '../../../../electron/shared/schemas/records-views';
import { call } from '../../api';
import { bindField, serverErrors } from '../../components/forms';
import { FormDialog } from '../../components/FormDialog';
import { useAction } from '../../components/useAction';
import { formatYuan as yuan } from '../../../../electron/shared/money';

type DecisionForm = z.input<typeof planDecisionInput>;

/** The manager approves a proposed plan (a comment is optional) or rejects it (with a reason). */
export function PlanDecisionDialog(props: {
  plan: PlanRow;
  action: 'approve' | 'reject';
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const reject = props.action === 'reject';
  const form = useForm<DecisionForm, unknown, z.output<typeof planDecisionInput>>({
    resolver: zodResolver(reject ? planRejectInput : planDecisionInput),
    defaultValues: { id: props.plan.id, reason: '' },
  });
  const decide = useAction(
    (values: z.output<typeof planDecisionInput>) =>
      call(reject ? 'records:rejectPlan' : 'records:approvePlan', values),
    { onDone: () => props.onDone(), failureTo: 'inline', explain: serverErrors(form.setError) },
  );
  const submit = form.handleSubmit((values) => decide.run(values));
  const name = props.plan.borrowerName;
  return (
    <FormDialog
      title={t(reject ? 'visits.plan.rejectTitle' : 'visits.plan.approveTitle', { name })}
      submitLabel={t(reject ? 'visits.plan.reject' : 'visits.plan.approve')}
      onSubmit={submit}
      onClose={props.onClose}
      submitting={form.formState.isSubmitting}
      failure={decide.failure}
      maxWidth="sm"
    >
      <Typography>
        {t('visits.form.previewOverdue', {
          overdue: yuan(props.plan.overdueFen),
          total: yuan(props.plan.totalFen),
        })}
      </Typography>
      <TextField
        label={t(reject ? 'visits.plan.rejectReason' : 'visits.plan.decisionReason')}
        required={reject}
        autoFocus
        multiline
        minRows={2}
        fullWidth
        {...bindField(form, 'reason', t)}
      />
    </FormDialog>
  );
}
