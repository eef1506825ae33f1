import AddIcon from '@mui/icons-material/Add';
import SearchIcon from '@mui/icons-material/Search';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Box,
  Button,
  Card,
  CardContent,
  InputAdornment,
  Stack,
  OutlinedInput,
  Typography,
} from '@mui/material';
import {
  lazy,
  Suspense,
  useEffect,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { call } from '../../api';
import { useCan, useCanCall } from '../../app/session';
import { AfterFirstPaint, usePainted } from '../../components/AfterFirstPaint';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { CaseExportButton } from './CaseExportButton';
import { ReassignFilteredButton } from '../assignments/ReassignButtons';
import { caseColumns, hiddenColumns } from './caseColumns';
import { isFiltered, type CaseFilter, type OfficerChoice } from './case-filter';
import { EmptyCases } from './EmptyCases';
import type * as ListViewModule from './list-view';
import type { ListView } from './list-view';
import { DEFAULT_VIEW, quickView } from './list-view-default';
import { useFitToScreen } from './fit-height';
import { useDebounced, useSearchShortcut } from './hooks';
import { usePreloadedList } from './preloaded-list';
import { CaseTable } from './CaseTable';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';

// The filters' fields (selects, menus, number fields) load after the first rows have painted.
const CaseFilters = lazy(() => import('./CaseFilters').then((m) => ({ default: m.CaseFilters })));
const CaseFlagFilters = lazy(() =>
  import('./CaseFilters').then((m) => ({ default: m.CaseFlagFilters })),
);

// The view's schema (zod, with the case list's input rules) loads after the first rows: an
// address without a view, which is how the app starts, is the default view; one with a view
// waits for the schema (it is asked for as soon as the list has painted).
let viewSchema: typeof ListViewModule | null = null;
let viewSchemaLoading: Promise<typeof ListViewModule> | null = null;
function loadViewSchema() {
  viewSchemaLoading ??= import('./list-view').then((module) => (viewSchema = module));
  return viewSchemaLoading;
}

/**
 * The address's view: the defaults without one; a view of only the pager, sort and search read
 * at once (`quickView`); any other once the view's schema has loaded (null until then).
 */
function viewFor(raw: string | null, schema: typeof ListViewModule | null): ListView | null {
  if (raw === null) return DEFAULT_VIEW;
  return schema ? schema.readView(raw) : quickView(raw);
}

/**
 * The list, once it can read its address: at once without a view or with a plain one, else
 * when the view's schema has loaded (a moment, on coming back to the list from a filtered view).
 */
export function CaseListPage() {
  const [params] = useSearchParams();
  const [schema, setSchema] = useState(viewSchema);
  const rawView = params.get('view');
  const view = useMemo(() => viewFor(rawView, schema), [rawView, schema]);
  // Asked for at once when the address needs it, else once the first rows have painted:
  // compiling the schemas would hold up that paint.
  const waiting = view === null;
  const painted = usePainted();
  useEffect(() => {
    if (!schema && (waiting || painted)) void loadViewSchema().then(setSchema);
  }, [schema, waiting, painted]);
  if (view === null) return <Loading />;
  return <CaseList view={view} />;
}

/** The filters that apply at once (everything but the typed township and village). */
function pickChoices({ township: _t, village: _v, ...choices }: CaseFilter) {
  return choices;
}

/** What the export writes: the list's filter and sort, every page. */
function exportFilter({ page: _page, pageSize: _size, ...filter }: ListView) {
  return filter;
}

const noOfficers: OfficerChoice[] = [];

// The new-borrower form (its fields, the address picker, the date field) loads when asked for.
const BorrowerDialog = lazy(() =>
  import('./BorrowerDialog').then((m) => ({ default: m.BorrowerDialog })),
);

/**
 * The width the list has, to leave out the columns that would not fit (a 1366-pixel screen at
 * 125 % is 1093 CSS pixels wide). Before the first layout, the window's width less the
 * navigation and the page's margins. A callback ref: the list's box comes and goes (an empty
 * branch shows its welcome instead), and each new box is measured; a box taken off the page
 * (width 0) is not a width.
 */
function useWidth(): [number, (node: HTMLElement | null) => void] {
  const [width, setWidth] = useState(() => window.innerWidth - 248);
  const observer = useRef<ResizeObserver | null>(null);
  const measure = useCallback((node: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!node) return;
    // The observer reports the first size too, before the first paint.
    observer.current = new ResizeObserver(([entry]) => {
      const next = Math.round(entry?.contentRect.width ?? 0);
      if (next > 0) setWidth(next);
    });
    observer.current.observe(node);
  }, []);
  return [width, measure];
}

/** The list for the address's view, read once by CaseListPage. */
function CaseList({ view }: { view: ListView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan('cases.write');
  const canImport = useCan('cases.import');
  const canLoadDemo = useCanCall('cases:loadDemo');
  const [params, setParams] = useSearchParams();
  const rawView = params.get('view');
  // What is typed (search, township, village) settles for 250 ms before it becomes a query.
  const [texts, setTexts] = useState({
    search: view.search,
    township: view.township,
    village: view.village,
  });
  const settled = useDebounced(texts, 250);
  const searchBox = useRef<HTMLInputElement>(null);
  useSearchShortcut(searchBox);
  const [creating, setCreating] = useState(false);

  // The view as last set. Two changes in one moment (a typed township settling just as a box is
  // ticked) each build on the one before, not on the address the router has not re-read yet:
  // built on `view`, the second dropped the first's township, and the list stayed unfiltered
  // under a filled-in field (seen in CI with two specs running at once).
  const latest = useRef(view);
  useLayoutEffect(() => {
    latest.current = view;
  }, [view]);
  const setView = (patch: Partial<ListView>) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    setParams({ view: JSON.stringify(next) }, { replace: true });
  };

  // A new search starts at the first page.
  useEffect(() => {
    if (
      settled.search !== view.search ||
      settled.township !== view.township ||
      settled.village !== view.village
    )
      setView({ ...settled, page: 0 });
    // Only settled text should trigger this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);

  const filter: CaseFilter = {
    buckets: view.buckets,
    dpdMin: view.dpdMin,
    dpdMax: view.dpdMax,
    officer: view.officer,
    township: texts.township,
    village: texts.village,
    statuses: view.statuses,
    exitKinds: view.exitKinds,
    tiers: view.tiers,
    vulnerable: view.vulnerable,
    brokenPromise: view.brokenPromise,
    notVisitedDays: view.notVisitedDays,
  };
  // The first page may already be on its way (asked by the entry as soon as the session was
  // known): the list waits for it rather than asking again, until the view changes.
  const preloaded = usePreloadedList(rawView ?? '{}');
  const list = useChannel('cases:list', preloaded.active ? null : view);
  const data = list.data ?? preloaded.data;
  const loading = preloaded.active ? preloaded.data === null : list.loading;
  const reloadList = () => (preloaded.active ? preloaded.release() : list.reload());
  // The officer filter's choices are not needed for the first rows: asked once they have
  // painted (an answer before the paint would render the list again before it).
  const painted = usePainted();
  const officerList = useChannel('cases:officers', data && painted ? {} : null);
  const officers = officerList.data ?? noOfficers;

  // The demo branch brings its own officers: the filter's list is read again with it.
  const demo = useAction(
    async () => {
      const result = await call('cases:loadDemo');
      return { result, officers: await call('cases:officers') };
    },
    {
      done: ({ result }) => t('cases.demoLoaded', { borrowers: result.borrowers }),
      onDone: (loaded) => {
        reloadList();
        officerList.setData(loaded.officers);
      },
    },
  );
  const loadingDemo = demo.busy;
  const loadDemo = () => demo.run();

  const columns = useMemo(() => caseColumns(t), [t]);
  const [gridWidth, gridBox] = useWidth();
  const hidden = useMemo(() => hiddenColumns(gridWidth), [gridWidth]);
  const { height: listHeight, listRef, cardRef } = useFitToScreen();
  const listBox = useCallback(
    (node: HTMLElement | null) => {
      gridBox(node);
      listRef(node);
    },
    [gridBox, listRef],
  );

  const filtered = isFiltered(filter) || texts.search !== '';
  const nothingAtAll = data !== null && data.total === 0 && !filtered;
  const open = (id: number) => void navigate(`/cases/${id}`);

  return (
    <Page
      title={t('cases.title')}
      actions={
        <Stack direction="row" spacing={1}>
          {filtered && (
            <ReassignFilteredButton
              filter={exportFilter(view)}
              total={data?.total ?? 0}
              onDone={reloadList}
            />
          )}
          <CaseExportButton filter={exportFilter(view)} total={data?.total ?? 0} />
          {canImport && (
            <Button
              variant="outlined"
              startIcon={<UploadFileIcon />}
              onClick={() => void navigate('/cases/import')}
            >
              {t('cases.import')}
            </Button>
          )}
          {canWrite && (
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
              {t('cases.create')}
            </Button>
          )}
        </Stack>
      }
    >
      <Card ref={cardRef} sx={{ mb: 2 }}>
        <CardContent sx={{ '&:last-child': { pb: 2 } }}>
          <Stack spacing={2}>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              {/* The outlined input a small text field draws, without the text field: its
                  label and select support are code the first screen would load for nothing. */}
              <OutlinedInput
                inputRef={searchBox}
                value={texts.search}
                onChange={(e) => setTexts((x) => ({ ...x, search: e.target.value }))}
                placeholder={t('cases.search')}
                size="small"
                fullWidth
                inputProps={{ 'aria-label': t('cases.search') }}
                startAdornment={
                  <InputAdornment position="start">
                    <SearchIcon fontSize="small" />
                  </InputAdornment>
                }
                endAdornment={
                  <InputAdornment position="end">
                    <Typography variant="caption" color="text.secondary" noWrap>
                      {t('cases.searchHint')}
                    </Typography>
                  </InputAdornment>
                }
              />
              {/* A checkbox with its padding is 42 pixels high, 2 more than the search box. */}
              <AfterFirstPaint height={42}>
                <CaseFlagFilters
                  filter={filter}
                  onChange={(next) => setView({ ...pickChoices(next), page: 0 })}
                />
              </AfterFirstPaint>
            </Stack>
            {/* Ten fields: they come a frame after the list's first rows. */}
            <AfterFirstPaint height={40}>
              <CaseFilters
                filter={filter}
                officers={officers}
                onChange={({ township, village, ...next }) => {
                  setTexts((x) => ({ ...x, township, village }));
                  if (JSON.stringify(next) !== JSON.stringify(pickChoices(filter)))
                    setView({ ...next, page: 0 });
                }}
              />
            </AfterFirstPaint>
          </Stack>
        </CardContent>
      </Card>
      {nothingAtAll ? (
        <EmptyCases
          canImport={canImport}
          canLoadDemo={canLoadDemo}
          loadingDemo={loadingDemo}
          onImport={() => void navigate('/cases/import')}
          onLoadDemo={() => void loadDemo()}
        />
      ) : (
        <Box ref={listBox} sx={{ height: listHeight, minHeight: 380 }}>
          <CaseTable
            rows={data?.rows ?? []}
            total={data?.total ?? 0}
            loading={loading}
            columns={columns}
            hidden={hidden}
            page={view.page}
            pageSize={view.pageSize}
            pageSizes={[25, 50, 100]}
            onPage={(page, pageSize) => setView({ page, pageSize })}
            sort={view.sort}
            direction={view.direction}
            onSort={(sort, direction) => setView({ sort, direction, page: 0 })}
            onOpen={open}
            label={t('cases.title')}
            emptyLabel={t('cases.emptyFiltered')}
          />
        </Box>
      )}
      {creating && (
        <Suspense fallback={null}>
          <BorrowerDialog
            onClose={() => setCreating(false)}
            onSaved={(id) => {
              setCreating(false);
              open(id);
            }}
          />
        </Suspense>
      )}
    </Page>
  );
}
