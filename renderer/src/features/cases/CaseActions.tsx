import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import EditIcon from '@mui/icons-material/Edit';
import ExitToAppIcon from '@mui/icons-material/ExitToApp';
import EventIcon from '@mui/icons-material/Event';
import PaymentsIcon from '@mui/icons-material/Payments';
import PercentIcon from '@mui/icons-material/Percent';
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import PrintIcon from '@mui/icons-material/Print';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import StickyNote2Icon from '@mui/icons-material/StickyNote2';
import {
  Alert,
  Button,
  Divider,
  ListItemIcon,
  ListItemText,
  Menu,
  MenuItem,
  Stack,
  type ButtonProps,
} from '@mui/material';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CasePage } from '../../../../electron/shared/schemas/cases';
import { documentKindLabels } from '../../../../electron/shared/schemas/notices';
import type { VisitDetail } from '../../../../electron/shared/schemas/planning';
import { todayIso } from '../../components/format';
import { useStaffList } from '../../components/staff';
import { useTextLang } from '../../components/text-lang';
import { DocumentPrintDialog } from '../notices/DocumentPrintDialog';
import { PlanVisitDialog } from '../planning/PlanVisitDialog';
import { useCanCall } from '../../app/session';
import { BorrowerDialog } from './BorrowerDialog';
import { CaseExitDialog, CaseReopenDialog } from './CaseExitDialogs';
import { CaseLetterDialog } from './CaseDocumentDialogs';
import { RegisterComplaintDialog } from './ComplaintDialogs';
import { ContactEventDialog, NoteDialog } from './RecordDialogs';
import { useBorrowerVisits } from './useBorrowerVisits';
import { WaiverDialog } from '../waivers/WaiverDialog';

type Open =
  | { kind: 'plan' }
  | { kind: 'letter'; letter: 'reminderLetter' | 'demandLetter' }
  | { kind: 'notice'; visitId: number; when: string }
  | { kind: 'event' }
  | { kind: 'note' }
  | { kind: 'complaint' }
  | { kind: 'edit' }
  | { kind: 'exit' }
  | { kind: 'reopen' }
  | { kind: 'waiver' }
  | null;

const tomorrow = () => {
  const [y, m, d] = todayIso().split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

/**
 * What can be done for this borrower without looking them up again: plan a visit (the plan
 * form with the borrower filled in), print a visit notice or a letter, record a contact, a
 * payment taken on a visit, a complaint or a note, and edit the borrower. Each action shows
 * only to a role whose call would be allowed (the same contract main enforces). One row of
 * buttons under the header's facts (it fits 1366 px in either language and wraps below
 * that); the two that need a choice (which visit's payment, which document) open a menu,
 * which opens with Enter or Space and moves with the arrow keys.
 */
export function CaseActions(props: {
  page: CasePage;
  /** Something was saved or printed: the page reads itself again. */
  onChanged: () => void;
  onPlanned: (visit: VisitDetail) => void;
}) {
  const { t } = useTranslation();
  const lang = useTextLang();
  const navigate = useNavigate();
  const { page } = props;
  const borrowerId = page.borrower.id;
  const canPlan = useCanCall('planning:planVisit');
  const canPrint = useCanCall('notices:print');
  const canContact = useCanCall('cases:addContactEvent');
  const canNote = useCanCall('cases:addNote');
  const canEdit = useCanCall('cases:update');
  const canComplain = useCanCall('complaints:register');
  const canRecord = useCanCall('records:record');
  const canExit = useCanCall('cases:exit');
  const canWaive = useCanCall('waivers:propose');
  const exit = page.header.exit;
  // A closed case is not visited: the plan form would only be refused.
  const plannable = canPlan && !page.header.closed;
  const [open, setOpen] = useState<Open>(null);
  const [version, setVersion] = useState(0);
  const visits = useBorrowerVisits(borrowerId, {
    upcoming: canPrint,
    awaiting: canRecord,
    version,
  });
  const { staff } = useStaffList();

  const close = () => setOpen(null);
  const saved = () => {
    setOpen(null);
    props.onChanged();
  };
  const printed = () => {
    setVersion((v) => v + 1);
    props.onChanged();
  };

  // A payment taken on a visit is recorded with that visit's result (with its receipt number).
  const paymentMenu: MenuEntry[] = visits.awaiting.length
    ? visits.awaiting
        .slice(0, 5)
        .map((v) =>
          entry(
            `payment-${v.id}`,
            <PaymentsIcon />,
            t('cases.actions.paymentOnVisit', { date: v.date, start: v.start, end: v.end }),
            () => void navigate(`/visits/record/${v.id}`),
            v.staff.map((s) => s.name).join('、'),
          ),
        )
    : [
        entry(
          'payment',
          <PaymentsIcon />,
          t('cases.actions.paymentNoVisit'),
          null,
          t('cases.actions.paymentNoVisitHelp'),
        ),
      ];

  const printMenu: MenuEntry[] = canPrint
    ? [
        ...(visits.upcoming.length > 0
          ? visits.upcoming.slice(0, 5).map((v) => {
              const when = `${v.date} ${v.start}–${v.end}`;
              return entry(
                `notice-${v.id}`,
                <PrintIcon />,
                documentKindLabels.visitNotice[lang],
                () => setOpen({ kind: 'notice', visitId: v.id, when }),
                when,
              );
            })
          : [
              entry(
                'notice',
                <PrintIcon />,
                documentKindLabels.visitNotice[lang],
                null,
                t('cases.actions.noticeNoVisit'),
              ),
            ]),
        'divider',
        ...(['reminderLetter', 'demandLetter'] as const).map((letter) =>
          entry(letter, <PrintIcon />, documentKindLabels[letter][lang], () =>
            setOpen({ kind: 'letter', letter }),
          ),
        ),
      ]
    : [];

  const officerId = page.header.officer?.id;
  return (
    <>
      {exit && (
        <Alert
          severity="info"
          sx={{ mb: 1.5 }}
          data-testid="case-exit"
          action={
            canExit ? (
              <Button color="inherit" size="small" onClick={() => setOpen({ kind: 'reopen' })}>
                {t('cases.exit.reopen')}
              </Button>
            ) : undefined
          }
        >
          {t('cases.exit.banner', {
            date: exit.exitOn,
            kind: t(`cases.exit.kind.${exit.kind}`),
            reference: exit.reference,
          })}
          {exit.setByName ? ` · ${t('cases.exit.bannerBy', { name: exit.setByName })}` : ''}
          {exit.note ? ` · ${exit.note}` : ''}
        </Alert>
      )}
      <Stack
        direction="row"
        spacing={1}
        useFlexGap
        sx={{ flexWrap: 'wrap', alignItems: 'center' }}
        role="group"
        aria-label={t('cases.actions.label')}
      >
        {plannable && (
          <Button
            variant="contained"
            startIcon={<EventIcon />}
            onClick={() => setOpen({ kind: 'plan' })}
          >
            {t('cases.actions.plan')}
          </Button>
        )}
        {canContact && (
          <Button
            variant="outlined"
            startIcon={<PhoneInTalkIcon />}
            onClick={() => setOpen({ kind: 'event' })}
          >
            {t('cases.case.addContactEvent')}
          </Button>
        )}
        {canRecord && (
          <MenuButton
            label={t('cases.actions.payment')}
            icon={<PaymentsIcon />}
            entries={paymentMenu}
          />
        )}
        {canComplain && (
          <Button
            variant="outlined"
            startIcon={<ReportProblemIcon />}
            onClick={() => setOpen({ kind: 'complaint' })}
          >
            {t('cases.actions.complaint')}
          </Button>
        )}
        {printMenu.length > 0 && (
          <MenuButton label={t('cases.actions.print')} icon={<PrintIcon />} entries={printMenu} />
        )}
        {canNote && (
          <Button
            variant="outlined"
            startIcon={<StickyNote2Icon />}
            onClick={() => setOpen({ kind: 'note' })}
          >
            {t('cases.case.addNote')}
          </Button>
        )}
        {canEdit && (
          <Button
            variant="outlined"
            startIcon={<EditIcon />}
            onClick={() => setOpen({ kind: 'edit' })}
          >
            {t('cases.case.edit')}
          </Button>
        )}
        {canWaive && !page.header.closed && (
          <Button
            variant="outlined"
            startIcon={<PercentIcon />}
            onClick={() => setOpen({ kind: 'waiver' })}
          >
            {t('waivers.propose')}
          </Button>
        )}
        {canExit && !page.header.closed && (
          <Button
            variant="outlined"
            color="warning"
            startIcon={<ExitToAppIcon />}
            onClick={() => setOpen({ kind: 'exit' })}
          >
            {t('cases.exit.action')}
          </Button>
        )}
      </Stack>

      {open?.kind === 'plan' && staff && (
        <PlanVisitDialog
          draft={{
            borrowerId,
            borrowerName: page.borrower.name,
            date: tomorrow(),
            start: '09:00',
            end: '10:00',
            // The case's officer goes first; the planner adds the second.
            ...(officerId && staff.some((s) => s.id === officerId)
              ? { staffIds: [officerId] }
              : {}),
          }}
          staff={staff}
          onClose={close}
          onPlanned={(visit) => {
            setOpen(null);
            setVersion((v) => v + 1);
            props.onPlanned(visit);
          }}
        />
      )}
      {open?.kind === 'letter' && (
        <CaseLetterDialog
          request={{ kind: open.letter, borrowerId }}
          borrowerName={page.borrower.name}
          onClose={close}
          onPrinted={printed}
        />
      )}
      {open?.kind === 'notice' && (
        <DocumentPrintDialog
          open
          onClose={() => {
            close();
            printed();
          }}
          title={`${documentKindLabels.visitNotice[lang]} · ${page.borrower.name} · ${open.when}`}
          request={{ kind: 'visitNotice', visitId: open.visitId }}
          fileName={`visit-notice-${open.visitId}`}
          printedBefore={{ kind: 'visitNotice', visitId: open.visitId }}
        />
      )}
      {open?.kind === 'event' && (
        <ContactEventDialog
          borrowerId={borrowerId}
          contacts={page.contacts}
          onClose={close}
          onSaved={saved}
        />
      )}
      {open?.kind === 'note' && (
        <NoteDialog borrowerId={borrowerId} onClose={close} onSaved={saved} />
      )}
      {open?.kind === 'complaint' && (
        <RegisterComplaintDialog
          borrowerId={borrowerId}
          today={page.asOf}
          onClose={close}
          onSaved={saved}
        />
      )}
      {open?.kind === 'edit' && (
        <BorrowerDialog borrower={page.borrower} onClose={close} onSaved={saved} />
      )}
      {open?.kind === 'exit' && (
        <CaseExitDialog
          borrowerId={borrowerId}
          borrowerName={page.borrower.name}
          today={page.asOf}
          onClose={close}
          onSaved={saved}
        />
      )}
      {open?.kind === 'waiver' && (
        <WaiverDialog
          borrowerId={borrowerId}
          borrowerName={page.borrower.name}
          loans={page.loans}
          today={page.asOf}
          onClose={close}
          onSaved={saved}
        />
      )}
      {open?.kind === 'reopen' && (
        <CaseReopenDialog
          borrowerId={borrowerId}
          borrowerName={page.borrower.name}
          onClose={close}
          onSaved={saved}
        />
      )}
    </>
  );
}

interface MenuAction {
  key: string;
  icon: ReactNode;
  label: string;
  /** Null: shown, but not possible now; `detail` says why. */
  onClick: (() => void) | null;
  detail?: string | undefined;
}
type MenuEntry = MenuAction | 'divider';

const entry = (
  key: string,
  icon: ReactNode,
  label: string,
  onClick: (() => void) | null,
  detail?: string,
): MenuAction => ({ key, icon, label, onClick, detail });

/** A button that opens a menu of actions; Enter or Space opens it, arrows move within it. */
function MenuButton(props: {
  label: string;
  icon: ReactNode;
  entries: readonly MenuEntry[];
  variant?: ButtonProps['variant'];
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const id = useId();
  return (
    <>
      <Button
        variant={props.variant ?? 'outlined'}
        startIcon={props.icon}
        endIcon={<ArrowDropDownIcon />}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        aria-controls={anchor ? id : undefined}
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        {props.label}
      </Button>
      <Menu
        id={id}
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ list: { 'aria-label': props.label, dense: true } }}
      >
        {props.entries.map((e, i) =>
          e === 'divider' ? (
            <Divider key={`divider-${i}`} />
          ) : (
            <MenuItem
              key={e.key}
              disabled={!e.onClick}
              onClick={() => {
                setAnchor(null);
                e.onClick?.();
              }}
            >
              <ListItemIcon>{e.icon}</ListItemIcon>
              <ListItemText primary={e.label} secondary={e.detail} />
            </MenuItem>
          ),
        )}
      </Menu>
    </>
  );
}
