import { Alert } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { useCan } from '../../app/session';
import { CaseListPage } from './CaseListPage';
import { CasePage } from './CasePage';
import { ImportPage } from './ImportPage';

/** /cases (the list, home), /cases/import, /cases/:id. */
export function CasesSection() {
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
