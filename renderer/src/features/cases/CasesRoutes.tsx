import { Alert } from '@mui/material';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { useCan } from '../../app/session';
import { CaseListPage } from './CaseListPage';

// The list is the first screen and ships with the app; a case page (its tabs, dialogs, notices
// and print previews) and the import load when first opened. The shell's Suspense shows the
// loading bar meanwhile.
const CasePage = lazy(() => import('./CasePage').then((m) => ({ default: m.CasePage })));
const ImportPage = lazy(() => import('./ImportPage').then((m) => ({ default: m.ImportPage })));

/** /cases (the list, home), /cases/import, /cases/:id. */
export function CasesRoutes() {
  const { t } = useTranslation();
  const canImport = useCan('cases.import');
  return (
    <Routes>
      <Route index element={<CaseListPage />} />
      <Route
        path="import"
        element={
          canImport ? (
            <ImportPage />
          ) : (
            <Alert severity="warning" sx={{ m: 3 }}>
              {t('e.FORBIDDEN')}
            </Alert>
          )
        }
      />
      <Route path=":id" element={<CasePage />} />
    </Routes>
  );
}
