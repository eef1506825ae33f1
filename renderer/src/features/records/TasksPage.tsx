import {
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { PlanRow } from '../../../../electron/shared/schemas/records-views';
import { useCan, useCanCall } from '../../app/session';
import { Page } from '../../components/Page';
import { useToast } from '../../components/Toasts';
import { useChannel } from '../../components/useChannel';
import { formatYuan as yuan } from '../../../../electron/shared/money';
import { AwaitingResults } from './AwaitingResults';
import { CaseLink, RecordOutcomeButton } from './links';
import { LateCashCard } from './LateCashCard';
import { PlanDecisionDialog } from './PlanDecisionDialog';
import { WaiverTasksCard } from '../waivers/WaiverTasksCard';

function TaskCard(props: {
  title: string;
  count: number;
  empty: string;
  head: string[];
  children: ReactNode;
}) {
  return (
    <Card component="section" aria-label={props.title}>
      <CardHeader
        title={props.title}
        action={<Chip label={props.count} color={props.count ? 'primary' : 'default'} />}
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {props.count === 0 ? (
          <Typography color="text.secondary">{props.empty}</Typography>
        ) : (
          <Table size="small" aria-label={props.title}>
            <TableHead>
              <TableRow>
                {props.head.map((h, i) => (
                  <TableCell key={i}>{h}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>{props.children}</TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/** /visits — the signed-in officer's tasks; for a manager, plans awaiting approval too. */
export function TasksPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const canApprove = useCan('plans.approve');
  const canRecord = useCan('visits.record');
  // Late money is the manager's to-do; whoever records hand-ins reaches the screen from it too.
  const canSignOffCash = useCan('cash.signOff');
  const canHandInCash = useCan('cash.handIn');
  const seesCash = canSignOffCash || canHandInCash;
  // Waivers awaiting this approver (the manager, and the auditor as second approver).
  const approvesWaivers = useCanCall('waivers:awaitingMe');
  // Another desk's records and approvals change the tasks.
  const read = useChannel('records:tasks', { daysAhead: 7 }, { live: true });
  const tasks = read.data;
  const load = read.reload;
  const [deciding, setDeciding] = useState<{ plan: PlanRow; action: 'approve' | 'reject' } | null>(
    null,
  );

  return (
    <Page
      title={t('visits.tasks.title')}
      actions={
        tasks && (
          <Typography color="text.secondary">
            {t('visits.tasks.asOf', { date: tasks.asOf })}
          </Typography>
        )
      }
    >
      {!tasks && <LinearProgress />}
      {tasks && (
        <Stack spacing={2}>
          {canApprove && (
            <TaskCard
              title={t('visits.tasks.plans')}
              count={tasks.plansAwaitingApproval.length}
              empty={t('visits.tasks.plansEmpty')}
              head={[
                t('visits.col.borrower'),
                t('visits.col.total'),
                t('visits.col.overdue'),
                t('visits.col.instalments'),
                t('visits.col.reason'),
                t('visits.col.proposedBy'),
                '',
              ]}
            >
              {tasks.plansAwaitingApproval.map((plan) => (
                <TableRow key={plan.id}>
                  <TableCell>
                    <CaseLink id={plan.borrowerId} name={plan.borrowerName} />
                  </TableCell>
                  <TableCell>{yuan(plan.totalFen)}</TableCell>
                  <TableCell>{yuan(plan.overdueFen)}</TableCell>
                  <TableCell>
                    {plan.instalments.length} · {plan.instalments[0]?.dueOn}
                  </TableCell>
                  <TableCell>{plan.shortfallReason}</TableCell>
                  <TableCell>{plan.proposedBy.name}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <Button
                      size="small"
                      component={RouterLink}
                      to={`/visits/records/${plan.visitRecordId}`}
                    >
                      {t('visits.tasks.openRecord')}
                    </Button>
                    <Button size="small" onClick={() => setDeciding({ plan, action: 'approve' })}>
                      {t('visits.plan.approve')}
                    </Button>
                    <Button
                      size="small"
                      color="error"
                      onClick={() => setDeciding({ plan, action: 'reject' })}
                    >
                      {t('visits.plan.reject')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TaskCard>
          )}
          <TaskCard
            title={t('visits.tasks.toRecord')}
            count={tasks.visitsToRecord.length}
            empty={t('visits.tasks.toRecordEmpty')}
            head={[t('visits.col.borrower'), t('visits.col.date'), t('visits.col.place'), '']}
          >
            {tasks.visitsToRecord.map((v) => (
              <TableRow key={v.visitId}>
                <TableCell>
                  <CaseLink id={v.borrowerId} name={v.borrowerName} />
                </TableCell>
                <TableCell>
                  {v.date} {v.start}–{v.end}
                </TableCell>
                <TableCell>
                  {v.township} {v.village}
                </TableCell>
                <TableCell align="right">
                  <RecordOutcomeButton visitId={v.visitId} />
                </TableCell>
              </TableRow>
            ))}
          </TaskCard>
          {approvesWaivers && <WaiverTasksCard />}
          {canRecord && <AwaitingResults />}
          {seesCash && <LateCashCard />}
          <TaskCard
            title={t('visits.tasks.followUps')}
            count={tasks.followUps.length}
            empty={t('visits.tasks.followUpsEmpty')}
            head={[t('visits.col.borrower'), t('visits.col.due'), t('visits.col.action'), '']}
          >
            {tasks.followUps.map((f) => (
              <TableRow key={f.id}>
                <TableCell>
                  <CaseLink id={f.borrowerId} name={f.borrowerName} />
                </TableCell>
                <TableCell>{f.dueOn}</TableCell>
                <TableCell>{f.action}</TableCell>
                <TableCell align="right">
                  <Button
                    size="small"
                    component={RouterLink}
                    to={`/visits/records/${f.visitRecordId}`}
                  >
                    {t('visits.tasks.openRecord')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TaskCard>
          <TaskCard
            title={t('visits.tasks.promises')}
            count={tasks.promisesDue.length}
            empty={t('visits.tasks.promisesEmpty')}
            head={[
              t('visits.col.borrower'),
              t('visits.col.due'),
              t('visits.col.amount'),
              t('visits.col.paid'),
              t('visits.col.status'),
            ]}
          >
            {tasks.promisesDue.map((p) => (
              <TableRow key={p.id}>
                <TableCell>
                  <CaseLink id={p.borrowerId} name={p.borrowerName} />
                </TableCell>
                <TableCell>{p.dueOn}</TableCell>
                <TableCell>{yuan(p.amountFen)}</TableCell>
                <TableCell>{yuan(p.paidFen)}</TableCell>
                <TableCell>{t(`visits.promiseStatus.${p.status}`)}</TableCell>
              </TableRow>
            ))}
          </TaskCard>
          <TaskCard
            title={t('visits.tasks.instalments')}
            count={tasks.instalmentsDue.length}
            empty={t('visits.tasks.instalmentsEmpty')}
            head={[
              t('visits.col.borrower'),
              t('visits.col.seq'),
              t('visits.col.due'),
              t('visits.col.amount'),
              t('visits.col.paid'),
            ]}
          >
            {tasks.instalmentsDue.map((i) => (
              <TableRow key={`${i.planId}/${i.seq}`}>
                <TableCell>
                  <CaseLink id={i.borrowerId} name={i.borrowerName} />
                </TableCell>
                <TableCell>{i.seq}</TableCell>
                <TableCell>{i.dueOn}</TableCell>
                <TableCell>{yuan(i.amountFen)}</TableCell>
                <TableCell>{yuan(i.paidFen)}</TableCell>
              </TableRow>
            ))}
          </TaskCard>
        </Stack>
      )}
      {deciding && (
        <PlanDecisionDialog
          plan={deciding.plan}
          action={deciding.action}
          onClose={() => setDeciding(null)}
          onDone={() => {
            toast(
              deciding.action === 'approve' ? t('visits.plan.approved') : t('visits.plan.rejected'),
            );
            setDeciding(null);
            load();
          }}
        />
      )}
    </Page>
  );
}
