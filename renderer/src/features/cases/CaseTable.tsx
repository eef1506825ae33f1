import { Box, LinearProgress, Table, TableBody, TableContainer, Typography } from '@mui/material';
import { alpha, lighten, type Theme } from '@mui/material/styles';
import { lazy, Suspense, useRef, useState, type KeyboardEvent } from 'react';
import { usePainted } from '../../components/AfterFirstPaint';
import { useTranslation } from 'react-i18next';
import type { CaseListRow, CaseSortField } from '../../../../electron/shared/schemas/cases';
import { bucketColor } from './bucket-colors';
import { tierColor, tierFilled } from './tier-colors';
import type { CaseColumn, CaseColumnField } from './caseColumns';

const tagColors = ['warning', 'error', 'secondary', 'success', 'info'] as const;

const tableStyle = (theme: Theme) => {
  const line = `1px solid ${lighten(alpha(theme.palette.divider, 1), 0.88)}`;
  const tags: Record<string, object> = {};
  for (const color of tagColors) {
    tags[`& .flag-${color}`] = {
      color: theme.palette[color].main,
      borderColor: alpha(theme.palette[color].main, 0.7),
    };
  }
  for (const [bucket, color] of Object.entries(bucketColor)) {
    const palette = theme.palette[color];
    tags[`& .bucket-${bucket.replace('+', 'plus')}`] = {
      color: palette.contrastText,
      backgroundColor: palette.main,
      borderColor: palette.main,
      fontWeight: 600,
      minWidth: 44,
      justifyContent: 'center',
    };
  }
  for (const [tier, color] of Object.entries(tierColor)) {
    const palette = theme.palette[color];
    // Narrower than the other tags: the column is 72 pixels ("关注", "Sub.").
    tags[`& .tier-${tier}`] = {
      padding: '0 6px',
      ...(tierFilled[tier as keyof typeof tierFilled]
        ? { color: palette.contrastText, backgroundColor: palette.main, borderColor: palette.main }
        : { color: palette.main, borderColor: alpha(palette.main, 0.7) }),
    };
  }
  return {
    // Fixed widths as the columns give them; the place and the flags share the rest (the
    // list leaves columns out before the rest would be less than their least).
    tableLayout: 'fixed',
    width: '100%',
    '& th': {
      ...theme.typography.body2,
      fontWeight: 600,
      lineHeight: '1.5rem',
      whiteSpace: 'nowrap',
      padding: '6px 10px',
      textAlign: 'left',
      color: theme.palette.text.primary,
      borderBottom: line,
      // The header stays at the top of the scrolling list, above the rows.
      position: 'sticky',
      top: 0,
      zIndex: 2,
      backgroundColor: theme.palette.background.paper,
    },
    '& th.numeric': { textAlign: 'right' },
    '& th .sort': {
      all: 'unset',
      display: 'inline-flex',
      alignItems: 'center',
      cursor: 'pointer',
      maxWidth: '100%',
      '&:hover': { color: theme.palette.text.secondary },
      '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: 2 },
    },
    // A right-aligned column's arrow goes before its label, as MUI's sort label puts it.
    '& th.numeric .sort': { flexDirection: 'row-reverse' },
    '& th .arrow': {
      width: 18,
      height: 18,
      margin: '0 4px',
      flexShrink: 0,
      fill: 'currentColor',
      opacity: 0,
      transition: theme.transitions.create(['opacity', 'transform'], {
        duration: theme.transitions.duration.shorter,
      }),
    },
    '& th .sort:hover .arrow': { opacity: 0.5 },
    '& th .sort.active, & th .sort.active:hover': { color: theme.palette.text.primary },
    '& th .sort.active .arrow': { opacity: 1, color: theme.palette.text.secondary },
    '& th .arrow.up': { transform: 'rotate(180deg)' },
    '& td': {
      ...theme.typography.body2,
      padding: '4px 10px',
      height: 36,
      borderBottom: line,
      whiteSpace: 'nowrap',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    },
    '& td.numeric': { textAlign: 'right' },
    '& td.mono': { fontFamily: 'monospace', fontSize: 13 },
    '& tbody tr': { cursor: 'default' },
    '& tbody tr:hover': { backgroundColor: theme.palette.action.hover },
    '& tbody tr:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: -2,
    },
    '& .tag': {
      display: 'inline-flex',
      alignItems: 'center',
      boxSizing: 'border-box',
      height: 24,
      padding: '0 8px',
      marginRight: '4px',
      borderRadius: '12px',
      border: `1px solid ${theme.palette.grey[400]}`,
      fontSize: 13,
      lineHeight: 1,
      whiteSpace: 'nowrap',
      verticalAlign: 'middle',
    },
    '& .flag-default': { color: theme.palette.text.primary },
    ...tags,
  } as const;
};

/** MUI's pager: a 52-pixel toolbar. */
const PAGER_HEIGHT = 52;

/** Loaded after the first rows have painted (CasePager.tsx). */
const CasePager = lazy(() => import('./CasePager'));

/** Material's arrow_downward, the icon MUI's sort label draws. */
const arrowDown = 'M20 12l-1.41-1.41L13 16.17V4h-2v12.17l-5.58-5.59L4 12l8 8 8-8z';

const cellClass = (c: CaseColumn) =>
  [c.numeric && 'numeric', c.mono && 'mono'].filter(Boolean).join(' ') || undefined;

/** Rows a first screen shows (a 1080-pixel-high window shows about 20 below the filters). */
const FIRST_ROWS = 20;

/**
 * The rows to render: when the table first renders with more than a screenful (the first
 * screen's preloaded page), a screenful, the rest a frame after it has painted (a page of 50
 * or 100 rows is most of what the first screen renders, and most of it is below the window's
 * edge); every later page, and rows that arrive after the first render, whole at once.
 */
function useFirstScreenful(rows: readonly CaseListRow[]): readonly CaseListRow[] {
  const [long] = useState(() => rows.length > FIRST_ROWS);
  const whole = usePainted(long);
  return !whole && rows.length > FIRST_ROWS ? rows.slice(0, FIRST_ROWS) : rows;
}

export interface CaseTableProps {
  rows: readonly CaseListRow[];
  total: number;
  loading: boolean;
  columns: readonly CaseColumn[];
  hidden: ReadonlySet<CaseColumnField>;
  page: number;
  pageSize: number;
  pageSizes: readonly number[];
  onPage: (page: number, pageSize: number) => void;
  sort: CaseSortField;
  direction: 'asc' | 'desc';
  onSort: (sort: CaseSortField, direction: 'asc' | 'desc') => void;
  onOpen: (id: number) => void;
  label: string;
  emptyLabel: string;
}

/**
 * The case list's table: one page of rows as the core sorted and paged them (the list is a
 * server-side view; nothing is sorted or filtered here). A plain MUI table with the grid's
 * semantics for screen readers and the keyboard: the rows are one tab stop, ↑/↓/Home/End
 * move between them, PgUp/PgDn turn the page, Enter or a double click opens the case.
 *
 * It replaces MUI X's DataGrid on this screen because the list is the first screen after
 * sign-in: the grid's code was most of what a cold start loaded and ran before the first row.
 */
export function CaseTable(props: CaseTableProps) {
  const { t } = useTranslation();
  const { columns, hidden, onOpen } = props;
  const rows = useFirstScreenful(props.rows);
  const pagerShown = usePainted();
  const shown = columns.filter((c) => !hidden.has(c.field));
  const body = useRef<HTMLTableSectionElement>(null);
  // The row that takes the tab stop: the one last focused, kept within the page.
  const [current, setCurrent] = useState(0);
  const focusIndex = Math.min(current, Math.max(rows.length - 1, 0));
  const activeSort = columns.find((c) => c.sort === props.sort)?.field;
  const pageCount = Math.max(1, Math.ceil(props.total / props.pageSize));

  const focusRow = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setCurrent(next);
    body.current?.querySelectorAll<HTMLTableRowElement>('tr')[next]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, id: number) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusRow(index + 1),
      ArrowUp: () => focusRow(index - 1),
      Home: () => focusRow(0),
      End: () => focusRow(rows.length - 1),
      Enter: () => onOpen(id),
      PageDown: () => {
        if (props.page + 1 < pageCount) props.onPage(props.page + 1, props.pageSize);
      },
      PageUp: () => {
        if (props.page > 0) props.onPage(props.page - 1, props.pageSize);
      },
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const sortBy = (column: CaseColumn) => {
    if (!column.sort) return;
    // Like the grid before it: a new column sorts descending first (the worst cases on top).
    const direction =
      activeSort === column.field ? (props.direction === 'desc' ? 'asc' : 'desc') : 'desc';
    props.onSort(column.sort, direction);
  };

  return (
    <Box
      sx={{
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        bgcolor: 'background.paper',
        position: 'relative',
      }}
    >
      {props.loading && (
        <LinearProgress
          aria-label={t('common.loading')}
          sx={{ position: 'absolute', top: 0, left: 0, right: 0, zIndex: 3 }}
        />
      )}
      <TableContainer sx={{ flex: 1, minHeight: 0 }}>
        <Table
          stickyHeader
          size="small"
          role="grid"
          aria-label={props.label}
          aria-rowcount={props.total + 1}
          aria-busy={props.loading}
          // The body is plain rows and cells styled here once: 50 rows of MUI table cells and
          // chips would each be a styled component, which is what the first screen waits for.
          sx={tableStyle}
        >
          <colgroup>
            {shown.map((c) => (
              <col key={c.field} style={c.grow ? undefined : { width: c.width }} />
            ))}
          </colgroup>
          {/* Plain header cells and sort buttons, styled once with the body (tableStyle). */}
          <thead>
            <tr role="row" aria-rowindex={1}>
              {shown.map((c) => {
                const active = activeSort === c.field;
                return (
                  <th
                    key={c.field}
                    role="columnheader"
                    className={c.numeric ? 'numeric' : undefined}
                    aria-sort={
                      active ? (props.direction === 'asc' ? 'ascending' : 'descending') : undefined
                    }
                  >
                    {c.sort ? (
                      <button
                        type="button"
                        className={active ? 'sort active' : 'sort'}
                        onClick={() => sortBy(c)}
                      >
                        {c.header}
                        <svg
                          className={active && props.direction === 'asc' ? 'arrow up' : 'arrow'}
                          viewBox="0 0 24 24"
                          aria-hidden="true"
                        >
                          <path d={arrowDown} />
                        </svg>
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <TableBody ref={body}>
            {rows.map((row, index) => (
              <tr
                key={row.id}
                aria-rowindex={props.page * props.pageSize + index + 2}
                tabIndex={index === focusIndex ? 0 : -1}
                onFocus={() => setCurrent(index)}
                onDoubleClick={() => onOpen(row.id)}
                onKeyDown={(e) => onKeyDown(e, index, row.id)}
              >
                {shown.map((c) => (
                  <td key={c.field} role="gridcell" className={cellClass(c)}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </TableBody>
        </Table>
        {rows.length === 0 && !props.loading && (
          <Typography color="text.secondary" sx={{ p: 4, textAlign: 'center' }}>
            {props.emptyLabel}
          </Typography>
        )}
      </TableContainer>
      {/* The pager's height is held while it loads, so the rows above it do not move. */}
      <Box sx={{ borderTop: 1, borderColor: 'divider', flexShrink: 0, minHeight: PAGER_HEIGHT }}>
        {pagerShown && (
          <Suspense fallback={null}>
            <CasePager
              total={props.total}
              page={props.page}
              pageSize={props.pageSize}
              pageSizes={props.pageSizes}
              onPage={props.onPage}
            />
          </Suspense>
        )}
      </Box>
    </Box>
  );
}
