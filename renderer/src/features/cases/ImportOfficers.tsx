import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Card,
  CardContent,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  assignableRoles,
  officerKey,
  resolveOfficerInput,
  type ResolveOfficerResult,
  type UnknownOfficerSummary,
  type WaitingOfficerName,
} from '../../../../electron/shared/schemas/imports';
import { useCan } from '../../app/session';
import { applyServerError, bindField, serverErrors } from '../../components/forms';
import { FormDialog } from '../../components/FormDialog';
import { useToast } from '../../components/Toasts';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';

/** One officer name nobody on the staff list has: in this file, waiting in the branch, or both. */
interface NameRow {
  key: string;
  name: string;
  /** Rows of the file on screen naming it (null: not in this file). */
  fileRows: number | null;
  firstLine: number | null;
  /** Case files already imported without an officer under this name. */
  waiting: number;
}

function mergeNames(file: UnknownOfficerSummary[], waiting: WaitingOfficerName[]): NameRow[] {
  const rows = new Map<string, NameRow>();
  for (const f of file) {
    const key = officerKey(f.name);
    const seen = rows.get(key);
    if (seen) seen.fileRows = (seen.fileRows ?? 0) + f.rows;
    else {
      rows.set(key, { key, name: f.name, fileRows: f.rows, firstLine: f.firstLine, waiting: 0 });
    }
  }
  for (const w of waiting) {
    const key = officerKey(w.name);
    const seen = rows.get(key);
    if (seen) seen.waiting += w.cases;
    else rows.set(key, { key, name: w.name, fileRows: null, firstLine: null, waiting: w.cases });
  }
  return [...rows.values()];
}

type Action = { kind: 'create' | 'map'; row: NameRow };

/**
 * Officer names in head-office files that nobody on the staff list has. Their cases were
 * imported without an officer (the report lists them as warnings); a manager adds the officer
 * or says which staff member the name means, which assigns the waiting cases and makes later
 * files naming them resolve. Others see the names and that a manager must act.
 */
export function UnknownOfficersCard(props: {
  /** Names in the file on screen (preview or result). */
  fileNames: UnknownOfficerSummary[];
  /** Bumped by the page after an import, to read the waiting names again. */
  refreshKey?: number;
  onResolved?: (result: ResolveOfficerResult) => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const canResolve = useCan('staff.manage');
  const waiting = useChannel('imports:waitingOfficers', {}, { version: props.refreshKey });
  const load = waiting.reload;
  const [action, setAction] = useState<Action | null>(null);
  const [resolved, setResolved] = useState<Set<string>>(new Set());

  const rows = useMemo(
    () => mergeNames(props.fileNames, waiting.data ?? []).filter((r) => !resolved.has(r.key)),
    [props.fileNames, waiting.data, resolved],
  );
  if (rows.length === 0) return null;

  const done = (row: NameRow, result: ResolveOfficerResult) => {
    setAction(null);
    setResolved((keys) => new Set(keys).add(row.key));
    toast(
      t('cases.import.officers.done', {
        name: row.name,
        staff: `${result.staffName}（${result.staffNo}）`,
        count: result.assigned,
      }) + (result.kept > 0 ? t('cases.import.officers.kept', { count: result.kept }) : ''),
    );
    load();
    props.onResolved?.(result);
  };

  return (
    <Card data-testid="unknown-officers">
      <CardContent>
        <Stack spacing={1.5}>
          <Typography variant="h6" component="h2">
            {t('cases.import.officers.title')}
          </Typography>
          <Alert severity="warning">{t('cases.import.officers.help')}</Alert>
          <Table size="small" aria-label={t('cases.import.officers.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('cases.import.officers.name')}</TableCell>
                <TableCell align="right">{t('cases.import.officers.fileRows')}</TableCell>
                <TableCell align="right">{t('cases.import.officers.waiting')}</TableCell>
                <TableCell>{t('cases.import.officers.action')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.key}>
                  <TableCell>{row.name}</TableCell>
                  <TableCell align="right">
                    {row.fileRows === null
                      ? '—'
                      : t('cases.import.officers.rowsFrom', {
                          count: row.fileRows,
                          line: row.firstLine,
                        })}
                  </TableCell>
                  <TableCell align="right">{row.waiting}</TableCell>
                  <TableCell>
                    {canResolve ? (
                      <Stack direction="row" spacing={1}>
                        <Button size="small" onClick={() => setAction({ kind: 'create', row })}>
                          {t('cases.import.officers.create')}
                        </Button>
                        <Button size="small" onClick={() => setAction({ kind: 'map', row })}>
                          {t('cases.import.officers.map')}
                        </Button>
                      </Stack>
                    ) : (
                      <Typography variant="body2" color="text.secondary">
                        {t('cases.import.officers.askManager')}
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Stack>
      </CardContent>
      {action?.kind === 'create' && (
        <CreateOfficerDialog
          name={action.row.name}
          onClose={() => setAction(null)}
          onDone={(result) => done(action.row, result)}
        />
      )}
      {action?.kind === 'map' && (
        <MapOfficerDialog
          name={action.row.name}
          onClose={() => setAction(null)}
          onDone={(result) => done(action.row, result)}
        />
      )}
    </Card>
  );
}

const createSchema = resolveOfficerInput.options[0];
type CreateForm = z.input<typeof createSchema>;

/** Adds the officer a file names: staff number, name (the file's, without padding), role. */
function CreateOfficerDialog(props: {
  name: string;
  onClose: () => void;
  onDone: (result: ResolveOfficerResult) => void;
}) {
  const { t } = useTranslation();
  const form = useForm<CreateForm, unknown, z.output<typeof createSchema>>({
    resolver: zodResolver(createSchema),
    defaultValues: {
      action: 'create',
      name: props.name,
      staff: { staffNo: '', name: props.name.replace(/\s+/g, ''), role: 'officer', phone: '' },
    },
  });
  const resolve = useAction('imports:resolveOfficer', {
    onDone: (result) => props.onDone(result),
    failureTo: 'inline',
    // The core names fields of the staff record without the prefix (staffNo: taken).
    explain: (error, t) =>
      applyServerError(
        error,
        (field, e) =>
          form.setError((field.startsWith('staff.') ? field : `staff.${field}`) as never, e),
        t,
      ),
  });
  const failure = resolve.failure;
  const submit = form.handleSubmit((values) => resolve.run(values));
  return (
    <FormDialog
      title={t('cases.import.officers.createTitle', { name: props.name })}
      submitLabel={t('cases.import.officers.createSubmit')}
      onSubmit={(e) => void submit(e)}
      onClose={props.onClose}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <Typography variant="body2" color="text.secondary">
        {t('cases.import.officers.createHelp')}
      </Typography>
      <TextField label={t('staff.staffNo')} required {...bindField(form, 'staff.staffNo', t)} />
      <TextField label={t('staff.name')} required {...bindField(form, 'staff.name', t)} />
      <Controller
        control={form.control}
        name="staff.role"
        render={({ field }) => (
          <TextField select label={t('staff.role')} {...field}>
            {assignableRoles.map((role) => (
              <MenuItem key={role} value={role}>
                {t(`role.${role}`)}
              </MenuItem>
            ))}
          </TextField>
        )}
      />
      <TextField label={t('staff.phone')} {...bindField(form, 'staff.phone', t)} />
    </FormDialog>
  );
}

const mapForm = z.object({ staffId: z.number({ error: 'v.required' }).int().positive() });

/** Says which active officer or manager the name means. */
function MapOfficerDialog(props: {
  name: string;
  onClose: () => void;
  onDone: (result: ResolveOfficerResult) => void;
}) {
  const { t } = useTranslation();
  const officers = useChannel('cases:officers', {}, { failure: 'inline' });
  const staff = (officers.data ?? []).filter((s) => s.role === 'officer' || s.role === 'manager');
  const form = useForm<{ staffId: number | '' }, unknown, z.output<typeof mapForm>>({
    resolver: zodResolver(mapForm) as never,
    defaultValues: { staffId: '' },
  });
  const resolve = useAction('imports:resolveOfficer', {
    onDone: (result) => props.onDone(result),
    failureTo: 'inline',
    explain: serverErrors(form.setError),
  });
  // A failed save says why; until one, a list that could not be read does.
  const failure = resolve.failure ?? officers.failure;
  const submit = form.handleSubmit((values) =>
    resolve.run({ action: 'map', name: props.name, staffId: values.staffId }),
  );
  const error = form.formState.errors.staffId;
  return (
    <FormDialog
      title={t('cases.import.officers.mapTitle', { name: props.name })}
      submitLabel={t('cases.import.officers.mapSubmit')}
      onSubmit={(e) => void submit(e)}
      onClose={props.onClose}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <Typography variant="body2" color="text.secondary">
        {t('cases.import.officers.mapHelp', { name: props.name })}
      </Typography>
      <Controller
        control={form.control}
        name="staffId"
        render={({ field }) => (
          <TextField
            select
            label={t('cases.import.officers.staff')}
            value={field.value}
            onChange={(e) => field.onChange(Number(e.target.value))}
            onBlur={field.onBlur}
            error={Boolean(error)}
            helperText={error?.message ? t(error.message) : undefined}
          >
            {staff.map((s) => (
              <MenuItem key={s.id} value={s.id}>
                {`${s.name}（${s.staffNo}）`}
              </MenuItem>
            ))}
          </TextField>
        )}
      />
    </FormDialog>
  );
}
