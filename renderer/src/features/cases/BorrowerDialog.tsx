import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Link,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { useForm, type Resolver, type ResolverOptions } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { z } from 'zod';
import {
  borrowerFormFields,
  createBorrowerInputOn,
  updateBorrowerInputOn,
  type BorrowerFormField,
  type BorrowerView,
} from '../../../../electron/shared/schemas/cases';
import { ApiError, call } from '../../api';
import { applyServerError } from '../../components/forms';
import {
  changedFields,
  EditedElsewhere,
  staleOf,
  type Stale,
} from '../../components/EditedElsewhere';
import { useAction } from '../../components/useAction';
import {
  BorrowerFields,
  type editBorrowerSchema,
  type BorrowerForm,
  type BorrowerFormOutput,
} from './BorrowerFields';
import { todayIso } from '../../components/format';

function defaultsFor(borrower: BorrowerView | undefined): BorrowerForm {
  if (!borrower) {
    return {
      name: '',
      idNumber: '',
      mobile: '',
      otherPhones: [],
      province: '',
      provinceCode: null,
      city: '',
      cityCode: null,
      county: '',
      countyCode: null,
      township: '',
      townshipCode: null,
      village: '',
      villageCode: null,
      addressDetail: '',
      occupation: '',
      householdSize: null,
      dependents: null,
      householdMembers: [],
      preferredContactTimes: '',
      vulnerable: { elderly: false, ill: false, disabled: false, disaster: false },
      vulnerabilityNotes: '',
      officerId: null,
      status: 'active',
    };
  }
  // Resident ID, mobile and other phones start empty or absent: the page shows them masked,
  // and an absent value tells the core "unchanged". Typing one replaces it.
  const { idNumberMasked: _i, mobileMasked: _m, otherPhonesMasked: _o, ...plain } = borrower;
  return {
    name: plain.name,
    idNumber: '',
    province: plain.province,
    provinceCode: plain.provinceCode,
    city: plain.city,
    cityCode: plain.cityCode,
    county: plain.county,
    countyCode: plain.countyCode,
    township: plain.township,
    townshipCode: plain.townshipCode,
    village: plain.village,
    villageCode: plain.villageCode,
    addressDetail: plain.addressDetail,
    occupation: plain.occupation,
    householdSize: plain.householdSize,
    dependents: plain.dependents,
    householdMembers: plain.householdMembers,
    preferredContactTimes: plain.preferredContactTimes,
    vulnerable: plain.vulnerable,
    vulnerabilityNotes: plain.vulnerabilityNotes,
    officerId: plain.officerId,
    status: plain.status,
  };
}

const sameValue = (a: unknown, b: unknown) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Each field the version covers, by the label the form shows it under. */
const fieldLabels: Record<BorrowerFormField, string> = {
  name: 'cases.borrower.name',
  idNumberMasked: 'cases.borrower.idNumber',
  // The resident ID's hidden middle digits.
  birthDate: 'cases.borrower.idNumber',
  status: 'cases.borrower.status',
  mobileMasked: 'cases.borrower.mobile',
  otherPhonesMasked: 'cases.borrower.otherPhones',
  preferredContactTimes: 'cases.borrower.preferredContactTimes',
  province: 'cases.borrower.province',
  provinceCode: 'cases.borrower.province',
  city: 'cases.borrower.city',
  cityCode: 'cases.borrower.city',
  county: 'cases.borrower.county',
  countyCode: 'cases.borrower.county',
  township: 'cases.borrower.township',
  townshipCode: 'cases.borrower.township',
  village: 'cases.borrower.village',
  villageCode: 'cases.borrower.village',
  addressDetail: 'cases.borrower.addressDetail',
  occupation: 'cases.borrower.occupation',
  householdSize: 'cases.borrower.householdSize',
  dependents: 'cases.borrower.dependents',
  householdMembers: 'cases.borrower.householdMembers',
  vulnerable: 'cases.borrower.section.vulnerability',
  vulnerabilityNotes: 'cases.borrower.vulnerabilityNotes',
  officerId: 'cases.borrower.officer',
};

/**
 * In an edit, a resident ID left (or cleared back to) empty means "keep the current one". A
 * typed one is checked against `today` like the import checks it (no birth date after today).
 */
function editResolver(today: string): Resolver<BorrowerForm, unknown, BorrowerFormOutput> {
  const resolve = zodResolver(updateBorrowerInputOn(today).omit({ id: true }));
  return (values, context, options) =>
    resolve({ ...values, idNumber: values.idNumber || undefined }, context, {
      ...options,
      // The same field names: both schemas describe one borrower form.
      names: options.names as ResolverOptions<z.input<typeof editBorrowerSchema>>['names'],
    });
}

/**
 * Create or edit a borrower with the shared schema (the same one the core checks). Field
 * errors from the core land on their fields; a resident ID that already has a case file gives
 * a link to that case. An edit is saved against the version it was opened on: if another desk
 * saved the borrower since, the save is refused (STALE_VERSION) and the form keeps what was
 * typed, says who changed what, and offers the latest or saving over it.
 */
export function BorrowerDialog(props: {
  borrower?: BorrowerView;
  onClose: () => void;
  onSaved: (id: number) => void;
  /** The day resident IDs' birth dates are checked against (ISO); this PC's today by default. */
  today?: string;
}) {
  const { t } = useTranslation();
  const editing = props.borrower !== undefined;
  const [existingId, setExistingId] = useState<number | null>(null);
  const today = props.today ?? todayIso();
  const resolver = useMemo<Resolver<BorrowerForm, unknown, BorrowerFormOutput>>(
    () => (editing ? editResolver(today) : zodResolver(createBorrowerInputOn(today))),
    [editing, today],
  );
  const form = useForm<BorrowerForm, unknown, BorrowerFormOutput>({
    resolver,
    mode: 'onTouched',
    defaultValues: defaultsFor(props.borrower),
  });

  // The borrower the form's values started from: the one opened, then the latest once the
  // user took it or saved over it.
  const [borrower, setBorrower] = useState(props.borrower);
  const [stale, setStale] = useState<Stale<BorrowerView> | null>(null);
  // Remounts the fields when the form is reset to the latest (the other phones field keeps
  // its own text).
  const [loads, setLoads] = useState(0);
  const save = useAction(
    async ({ values, version }: { values: BorrowerFormOutput; version?: string }) => {
      if (!borrower) {
        return (await call('cases:create', { ...values, idNumber: values.idNumber ?? '' })).id;
      }
      await call('cases:update', { ...values, id: borrower.id, version });
      return borrower.id;
    },
    {
      done: t(borrower ? 'cases.borrower.saved' : 'cases.borrower.created'),
      onDone: (id) => props.onSaved(id),
      failureTo: 'inline',
      explain: (error, t) => {
        const refused = staleOf<BorrowerView>(error);
        if (refused) {
          setStale(refused);
          return null;
        }
        const existing =
          error instanceof ApiError && error.error.code === 'CONFLICT'
            ? error.error.details?.existingId
            : undefined;
        if (typeof existing !== 'number') return applyServerError(error, form.setError, t);
        // The same person is already a borrower: offer to open them instead.
        setExistingId(existing);
        form.setError(
          'idNumber',
          { type: 'server', message: 'v.case.duplicateId' },
          { shouldFocus: true },
        );
        return null;
      },
    },
  );
  const failure = save.failure;
  const submit = form.handleSubmit((values) => {
    setExistingId(null);
    setStale(null);
    return save.run({ values, version: borrower?.version });
  });
  // The user's changes on top of the borrower as it now is: a field the user left as it was
  // opened takes the other desk's value, so their change is not undone; a field both changed
  // keeps the user's. The merged values are what the form shows and saves.
  const keepMine = () => {
    if (!stale) return;
    const opened = defaultsFor(borrower);
    const latest = defaultsFor(stale.current);
    const typed = form.getValues();
    for (const key of Object.keys(latest) as (keyof BorrowerForm)[]) {
      if (sameValue(typed[key], opened[key]) && !sameValue(latest[key], opened[key])) {
        form.setValue(key, latest[key], { shouldDirty: true });
      }
    }
    const { version } = stale;
    setBorrower(stale.current);
    setStale(null);
    setLoads((n) => n + 1);
    void form.handleSubmit((values) => save.run({ values, version }))();
  };
  const takeTheirs = () => {
    if (!stale) return;
    form.reset(defaultsFor(stale.current));
    setBorrower(stale.current);
    setStale(null);
    setExistingId(null);
    save.clearFailure();
    setLoads((n) => n + 1);
  };
  const changed =
    stale && borrower
      ? [
          ...new Set(
            changedFields(borrower, stale.current, borrowerFormFields).map((field) =>
              t(fieldLabels[field]),
            ),
          ),
        ]
      : [];

  return (
    <Dialog open onClose={props.onClose} maxWidth="md" fullWidth>
      <form noValidate onSubmit={submit}>
        <DialogTitle>
          {editing ? t('cases.borrower.editTitle') : t('cases.borrower.createTitle')}
        </DialogTitle>
        <DialogContent dividers>
          <BorrowerFields key={loads} form={form} borrower={borrower} />
        </DialogContent>
        {/* Beside the buttons, so the answer to "Save" is in view however far the form scrolled. */}
        <DialogActions sx={{ gap: 1 }}>
          <Box sx={{ flex: 1 }}>
            {stale && (
              <EditedElsewhere
                stale={stale}
                changed={changed}
                onTakeTheirs={takeTheirs}
                onKeepMine={() => void keepMine()}
                busy={save.busy}
              />
            )}
            {existingId !== null && (
              <Alert severity="warning" data-testid="duplicate-borrower" sx={{ py: 0 }}>
                {t('cases.borrower.duplicate')}{' '}
                <Link component={RouterLink} to={`/cases/${existingId}`} onClick={props.onClose}>
                  {t('cases.borrower.openExisting')}
                </Link>
              </Alert>
            )}
            {failure && (
              <Alert severity="error" sx={{ py: 0 }}>
                {failure}
              </Alert>
            )}
          </Box>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>
            {t('common.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
