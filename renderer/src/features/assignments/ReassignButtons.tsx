import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { Button } from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import type { CaseFilter, ReassignTarget } from './ReassignDialog';

// The form (its schema and the officer list) loads when the manager opens it: the case list,
// the first screen, carries only the button.
const ReassignDialog = lazy(() =>
  import('./ReassignDialog').then((m) => ({ default: m.ReassignDialog })),
);

function ReassignButton(props: {
  label: string;
  variant?: 'outlined';
  size?: 'small';
  disabled?: boolean;
  target: ReassignTarget;
  onDone: () => void;
}) {
  const canAssign = useCan('cases.assign');
  const [open, setOpen] = useState(false);
  if (!canAssign) return null;
  return (
    <>
      <Button
        variant={props.variant}
        size={props.size}
        startIcon={<SwapHorizIcon />}
        disabled={props.disabled}
        onClick={() => setOpen(true)}
      >
        {props.label}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <ReassignDialog
            target={props.target}
            onClose={() => setOpen(false)}
            onDone={() => {
              setOpen(false);
              props.onDone();
            }}
          />
        </Suspense>
      )}
    </>
  );
}

/** The case page's button beside the officer: the manager only. */
export function ReassignCaseButton(props: {
  borrowerId: number;
  currentName: string | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ReassignButton
      label={t('assignments.reassign')}
      size="small"
      target={{ by: 'cases', borrowerIds: [props.borrowerId], currentName: props.currentName }}
      onDone={props.onDone}
    />
  );
}

/** The case list's button: every case its current filter shows (shown once it is filtered). */
export function ReassignFilteredButton(props: {
  filter: CaseFilter;
  total: number;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ReassignButton
      label={t('assignments.reassignFiltered')}
      variant="outlined"
      disabled={props.total === 0}
      target={{ by: 'filter', filter: props.filter, count: props.total }}
      onDone={props.onDone}
    />
  );
}
