import BadgeIcon from '@mui/icons-material/Badge';
import BalanceIcon from '@mui/icons-material/Balance';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import DescriptionIcon from '@mui/icons-material/Description';
import FolderSharedIcon from '@mui/icons-material/FolderShared';
import ManageSearchIcon from '@mui/icons-material/ManageSearch';
import QueryStatsIcon from '@mui/icons-material/QueryStats';
import SettingsIcon from '@mui/icons-material/Settings';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import { lazy, type ReactElement, type ReactNode } from 'react';
import type { Permission } from '../../../electron/shared/roles';
import { CasesRoutes } from '../features/cases/CasesRoutes';

// The case list is the first screen, so it ships with the app (its case page and import load
// when opened: CasesRoutes); every other section (the calendar, the charts, the template
// editor and what they pull in) loads when opened.
const PlanningSection = lazy(() =>
  import('../features/planning/PlanningSection').then((m) => ({ default: m.PlanningSection })),
);
const RecordsSection = lazy(() =>
  import('../features/records/RecordsSection').then((m) => ({ default: m.RecordsSection })),
);
const NoticesPage = lazy(() =>
  import('../features/notices/NoticesPage').then((m) => ({ default: m.NoticesPage })),
);
const StaffSection = lazy(() =>
  import('../features/staff/StaffSection').then((m) => ({ default: m.StaffSection })),
);
const WorkloadPage = lazy(() =>
  import('../features/assignments/WorkloadPage').then((m) => ({ default: m.WorkloadPage })),
);
const ReportsPage = lazy(() =>
  import('../features/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })),
);
const SettingsPage = lazy(() =>
  import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
);
const AuditPage = lazy(() =>
  import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })),
);

export interface Section {
  path: string;
  labelKey: string;
  icon: ReactElement;
  permission: Permission;
  element: ReactNode;
}

/** Sections that are built, in navigation order. The first one a role may see is home. */
export const sections: Section[] = [
  {
    path: '/cases',
    labelKey: 'nav.cases',
    icon: <FolderSharedIcon />,
    permission: 'cases.read',
    element: <CasesRoutes />,
  },
  {
    path: '/calendar',
    labelKey: 'nav.calendar',
    icon: <CalendarMonthIcon />,
    permission: 'visits.read',
    element: <PlanningSection />,
  },
  {
    path: '/visits',
    labelKey: 'nav.visits',
    icon: <TaskAltIcon />,
    permission: 'visits.read',
    element: <RecordsSection />,
  },
  {
    path: '/notices',
    labelKey: 'nav.notices',
    icon: <DescriptionIcon />,
    permission: 'visits.read',
    element: <NoticesPage />,
  },
  {
    path: '/staff',
    labelKey: 'nav.staff',
    icon: <BadgeIcon />,
    permission: 'staff.read',
    element: <StaffSection />,
  },
  {
    path: '/workload',
    labelKey: 'nav.workload',
    icon: <BalanceIcon />,
    permission: 'cases.assign',
    element: <WorkloadPage />,
  },
  {
    path: '/reports',
    labelKey: 'nav.reports',
    icon: <QueryStatsIcon />,
    permission: 'reports.read',
    element: <ReportsPage />,
  },
  {
    path: '/settings',
    labelKey: 'nav.settings',
    icon: <SettingsIcon />,
    permission: 'settings.read',
    element: <SettingsPage />,
  },
  {
    path: '/audit',
    labelKey: 'nav.audit',
    icon: <ManageSearchIcon />,
    permission: 'audit.read',
    element: <AuditPage />,
  },
];

/** Planned sections: reachable by address only, where they say plainly that they are not built yet. */
export const plannedSections: { path: string; labelKey: string }[] = [];
