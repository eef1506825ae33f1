import { zodResolver } from '@hookform/resolvers/zod';
import { TextField, Typography } from '@mui/material';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { formatYuan as yuan } from '../../../../electron/shared/money';
import {
  waiverApproveInput,
  waiverRejectInput,
  waiverWithdrawInput,
  type WaiverRow,
} from '../../../../electron/shared/schemas/waivers';
import { call } from '../../api';
import { bindField } from '../../components/forms';
import { FormDialog } from '../../components/FormDialog';
import { useAction } from '../../components/useAction';
import { waiverErrors } from './explain';

export type WaiverDecision = 'approve' | 'reject' | 'withdraw';

const schemas = {
  approve: waiverApproveInput,
  reject: waiverRejectInput,
  withdraw: waiverWithdrawInput,
} as const;
const channels = {
  approve: 'waivers:approve',
  reject: 'waivers:reject',
  withdraw: 'waivers:withdraw',
} as const;

// One form for the three: the text is the approval's comment or the reason.
const decisionForm = z.object({ id: z.number(), text: z.string() });
type DecisionForm = z.infer<typeof decisionForm>;

/** Approve (a comment is optional), reject (with a reason) or withdraw a proposal. */
export function WaiverDecisionDialog(props: {
  waiver: WaiverRow;
  decision: WaiverDecision;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { waiver, decision } = props;
  const form = useForm<DecisionForm>({
    resolver: zodResolver(
      decisionForm.superRefine((value, ctx) => {
        const input =
          decision === 'approve'
            ? { id: value.id, note: value.text }
            : { id: value.id, reason: value.text };
        const parsed = schemas[decision].safeParse(input);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            ctx.addIssue({ code: 'custom', message: issue.message, path: ['text'] });
          }
        }
      }),
    ),
    defaultValues: { id: waiver.id, text: '' },
  });
  const run = useAction(
    (values: DecisionForm) =>
      decision === 'approve'
        ? call(channels.approve, { id: values.id, note: values.text })
        : call(channels[decision], { id: values.id, reason: values.text }),
    {
      done: t(
        `waivers.${decision === 'approve' ? 'approved' : decision === 'reject' ? 'rejected' : 'withdrawn'}`,
      ),
      onDone: () => props.onDone(),
      failureTo: 'inline',
      explain: waiverErrors(form.setError),
    },
  );
  const submit = form.handleSubmit((values) => run.run(values));
  const words = { name: waiver.borrowerName, kind: t(`waivers.kind.${waiver.kind}`) };
  const label =
    decision === 'approve'
      ? t('waivers.note')
      : decision === 'reject'
        ? t('waivers.rejectReason')
        : t('waivers.withdrawReason');
  return (
    <FormDialog
      title={t(`waivers.${decision}Title`, words)}
      submitLabel={t(`waivers.${decision}`)}
      submitColor={decision === 'approve' ? 'primary' : 'error'}
      onSubmit={submit}
      onClose={props.onClose}
      submitting={form.formState.isSubmitting}
      failure={run.failure}
      maxWidth="sm"
    >
      <Typography>
        {waiver.loanNo} · {t(`waivers.kind.${waiver.kind}`)} · {t('waivers.col.waived')}{' '}
        {yuan(waiver.waivedFen)}
        {waiver.settlePayFen !== null &&
          ` · ${t('waivers.settleLine', { pay: yuan(waiver.settlePayFen), waived: yuan(waiver.waivedFen) })} · ${waiver.payBy}`}
      </Typography>
      <Typography color="text.secondary">{waiver.reason}</Typography>
      <TextField
        {...bindField(form, 'text', t)}
        label={label}
        required={decision === 'reject'}
        autoFocus
        multiline
        minRows={2}
        fullWidth
      />
    </FormDialog>
  );
}
