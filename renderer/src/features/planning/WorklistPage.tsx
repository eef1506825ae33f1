import RouteIcon from '@mui/icons-material/AltRoute';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { DataGrid, type GridColDef, type GridRowSelectionModel } from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../../electron/shared/money';
import type { WorklistRow } from '../../../../electron/shared/schemas/planning';
import { useCan } from '../../app/session';
import { useToast } from '../../components/Toasts';
import { useChannel } from '../../components/useChannel';
import { PlanRouteDialog } from './PlanRouteDialog';
import { PlanVisitDialog, type PlanDraft } from './PlanVisitDialog';
import { staffLabel, useStaffList } from '../../components/staff';
import { todayIso } from '../../components/format';
import { useTextLang } from '../../components/text-lang';
import { useGridLocaleText } from '../../components/useGridLocaleText';

const noSelection: GridRowSelectionModel = { type: 'include', ids: new Set() };

/**
 * "Due for a visit": the ranked cases with the reasons for each rank in plain words, and the
 * rules' flags (approval needed, on hold) shown rather than hidden. Cases chosen in one village
 * are planned as one route for a day.
 */
export function WorklistPage() {
  const { t } = useTranslation();
  const localeText = useGridLocaleText({ noRowsLabel: t('worklist.empty') });
  const lang = useTextLang();
  const toast = useToast();
  const canPlan = useCan('visits.plan');
  const { staff } = useStaffList();
  const [officerId, setOfficerId] = useState<number | ''>('');
  const [township, setTownship] = useState('');
  const [selection, setSelection] = useState<GridRowSelectionModel>(noSelection);
  const [planning, setPlanning] = useState(false);
  const [draft, setDraft] = useState<PlanDraft | null>(null);

  const place = township.trim();
  const worklist = useChannel(
    'planning:worklist',
    {
      limit: 200,
      ...(officerId === '' ? {} : { officerId }),
      ...(place ? { township: place } : {}),
    },
    // Another desk's plans and records take cases off this list.
    { live: true },
  );
  const rows = worklist.data;
  const load = worklist.reload;

  const chosen = useMemo(
    () => (rows ?? []).filter((r) => selection.ids.has(r.borrowerId)),
    [rows, selection],
  );
  const villages = new Set(chosen.map((r) => `${r.township}/${r.village}`));
  const oneVillage = chosen.length > 0 && villages.size === 1;

  const columns = useMemo<GridColDef<WorklistRow>[]>(
    () => [
      { field: 'rank', headerName: '#', width: 50, sortable: false },
      { field: 'name', headerName: t('worklist.name'), width: 100 },
      {
        field: 'place',
        headerName: t('worklist.place'),
        width: 150,
        valueGetter: (_v, row) => [row.township, row.village].filter(Boolean).join(' · '),
      },
      { field: 'daysPastDue', headerName: t('worklist.dpd'), width: 90, type: 'number' },
      {
        field: 'overdueFen',
        headerName: t('worklist.overdue'),
        width: 120,
        type: 'number',
        valueFormatter: (value: number) => formatYuan(value),
      },
      {
        field: 'score',
        headerName: t('worklist.score'),
        width: 70,
        type: 'number',
        valueFormatter: (value: number) => value.toFixed(0),
      },
      {
        field: 'reasons',
        headerName: t('worklist.reasons'),
        flex: 1,
        minWidth: 280,
        sortable: false,
        renderCell: ({ row }) => (
          <Box sx={{ whiteSpace: 'normal', lineHeight: 1.4, py: 0.5 }}>
            {row.reasons.map((r) => r[lang]).join('；')}
            {row.flags.map((f) => (
              <Chip
                key={f.en}
                size="small"
                color={row.hold ? 'error' : 'warning'}
                label={f[lang]}
                sx={{ ml: 0.5, my: 0.25, maxWidth: '100%' }}
              />
            ))}
          </Box>
        ),
      },
      {
        field: 'lastContactDate',
        headerName: t('worklist.lastContact'),
        width: 110,
        valueFormatter: (value: string | null) => value ?? '—',
      },
      ...(canPlan
        ? [
            {
              field: 'plan',
              headerName: '',
              width: 90,
              sortable: false,
              renderCell: ({ row }) =>
                row.hold === null && (
                  <Button
                    size="small"
                    onClick={() =>
                      setDraft({
                        borrowerId: row.borrowerId,
                        borrowerName: row.name,
                        // Two days ahead leaves time for the notice the rules ask for.
                        date: todayIso(new Date(Date.now() + 2 * 86_400_000)),
                        start: '09:00',
                        end: '10:00',
                      })
                    }
                  >
                    {t('worklist.planOne')}
                  </Button>
                ),
            } satisfies GridColDef<WorklistRow>,
          ]
        : []),
    ],
    [t, lang, canPlan],
  );

  return (
    <Card>
      <CardContent>
        <Stack
          direction="row"
          spacing={2}
          useFlexGap
          sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 2 }}
        >
          <TextField
            select
            label={t('worklist.officer')}
            value={officerId}
            onChange={(e) => setOfficerId(e.target.value === '' ? '' : Number(e.target.value))}
            sx={{ minWidth: 200 }}
          >
            <MenuItem value="">{t('worklist.anyOfficer')}</MenuItem>
            {(staff ?? []).map((s) => (
              <MenuItem key={s.id} value={s.id}>
                {staffLabel(s)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={t('calendar.filterTownship')}
            value={township}
            onChange={(e) => setTownship(e.target.value)}
          />
          <Box sx={{ flex: 1 }} />
          <Typography variant="body2" color="text.secondary">
            {t('worklist.selected', { count: chosen.length })}
          </Typography>
          {canPlan && (
            <Button
              variant="contained"
              startIcon={<RouteIcon />}
              disabled={!oneVillage}
              onClick={() => setPlanning(true)}
            >
              {t('worklist.planRoute')}
            </Button>
          )}
        </Stack>
        {chosen.length > 0 && !oneVillage && (
          <Alert severity="info" sx={{ mb: 2 }}>
            {t('worklist.oneVillage')}
          </Alert>
        )}
        <Box sx={{ height: 560 }}>
          <DataGrid
            rows={(rows ?? []).map((r, i) => ({ ...r, rank: i + 1 }))}
            columns={columns}
            getRowId={(r) => r.borrowerId}
            loading={rows === null}
            checkboxSelection={canPlan}
            disableRowSelectionOnClick
            rowSelectionModel={selection}
            onRowSelectionModelChange={setSelection}
            isRowSelectable={({ row }) => row.hold === null}
            getRowHeight={() => 'auto'}
            density="compact"
            hideFooter={(rows?.length ?? 0) <= 100}
            localeText={localeText}
            aria-label={t('worklist.title')}
          />
        </Box>
      </CardContent>
      {draft && staff && (
        <PlanVisitDialog
          draft={draft}
          staff={staff}
          onClose={() => setDraft(null)}
          onPlanned={(visit) => {
            setDraft(null);
            toast(t('visitPlan.planned', { name: visit.borrowerName, date: visit.date }));
            load();
          }}
        />
      )}
      {planning && staff && (
        <PlanRouteDialog
          cases={chosen}
          staff={staff}
          onClose={() => setPlanning(false)}
          onPlanned={() => {
            setSelection(noSelection);
            load();
          }}
        />
      )}
    </Card>
  );
}
