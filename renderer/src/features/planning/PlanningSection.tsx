import { Tab, Tabs } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Page } from '../../components/Page';
import { CalendarView } from './CalendarView';
import { DayRoutePage } from './DayRoutePage';
import { WorklistPage } from './WorklistPage';

const tabs = [
  { path: '/calendar', key: 'calendar.tab' },
  { path: '/calendar/route', key: 'dayRoute.tab' },
  { path: '/calendar/worklist', key: 'worklist.tab' },
] as const;

/** The planning section: calendar, a pair's day route, and the worklist, one tab each. */
export function PlanningSection() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const current = tabs.find((tab) => tab.path === location.pathname.replace(/\/$/, ''))?.path;
  return (
    <Page title={t('nav.calendar')}>
      <Tabs
        value={current ?? false}
        onChange={(_e, path: string) => void navigate(path)}
        sx={{ mb: 2 }}
        aria-label={t('nav.calendar')}
      >
        {tabs.map((tab) => (
          <Tab key={tab.path} value={tab.path} label={t(tab.key)} />
        ))}
      </Tabs>
      <Routes>
        <Route index element={<CalendarView />} />
        <Route path="route" element={<DayRoutePage />} />
        <Route path="worklist" element={<WorklistPage />} />
        <Route path="*" element={<Navigate to="/calendar" replace />} />
      </Routes>
    </Page>
  );
}
