import { Tab, Tabs } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Page } from '../../components/Page';
import { HolidaysCard } from '../planning/HolidaysCard';
import { RulesCard } from '../planning/RulesCard';
import { StaffCard } from './StaffCard';

const tabs = [
  { path: '/staff', key: 'staff.tab' },
  { path: '/staff/rules', key: 'planRules.tab' },
] as const;

/** Staff and training, and the branch's visit rules. */
export function StaffSection() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const current = tabs.find((tab) => tab.path === location.pathname.replace(/\/$/, ''))?.path;
  return (
    <Page title={t('nav.staff')}>
      <Tabs
        value={current ?? false}
        onChange={(_e, path: string) => void navigate(path)}
        sx={{ mb: 2 }}
        aria-label={t('nav.staff')}
      >
        {tabs.map((tab) => (
          <Tab key={tab.path} value={tab.path} label={t(tab.key)} />
        ))}
      </Tabs>
      <Routes>
        <Route index element={<StaffCard />} />
        <Route
          path="rules"
          element={
            <>
              <RulesCard />
              <HolidaysCard />
            </>
          }
        />
        <Route path="*" element={<Navigate to="/staff" replace />} />
      </Routes>
    </Page>
  );
}
