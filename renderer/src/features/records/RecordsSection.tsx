import { Route, Routes } from 'react-router';
import { CashPage } from './CashPage';
import { RecordOutcomePage, RecordPage } from './RecordPages';
import { TasksPage } from './TasksPage';

/** /visits (my tasks), /visits/cash (hand-ins), /visits/record/:visitId, /visits/records/:id, /visits/records/:id/amend. */
export function RecordsSection() {
  return (
    <Routes>
      <Route index element={<TasksPage />} />
      <Route path="cash" element={<CashPage />} />
      <Route path="record/:visitId" element={<RecordOutcomePage />} />
      <Route path="records/:id" element={<RecordPage />} />
      <Route path="records/:id/amend" element={<RecordPage amend />} />
    </Routes>
  );
}
