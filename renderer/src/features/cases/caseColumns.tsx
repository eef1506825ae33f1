import type { GridColDef, GridColumnVisibilityModel } from '@mui/x-data-grid';
import type { TFunction } from 'i18next';
import { formatFen } from '../../../../electron/shared/money';
import type { CaseListRow } from '../../../../electron/shared/schemas/cases';
import { formatDay } from '../../components/format';
import { BucketChip, FlagChips } from './CaseChips';

/**
 * The case list's columns. Widths are what the longest usual value needs (an 18-character
 * masked ID in monospace, a 6-figure sum) and what the header needs beside its sort arrow, in
 * both languages; the place and the flags take what is left.
 */
export function caseColumns(t: TFunction): GridColDef<CaseListRow>[] {
  return [
    { field: 'name', headerName: t('cases.col.name'), width: 84 },
    {
      field: 'idNumberMasked',
      headerName: t('cases.col.idNumber'),
      width: 164,
      sortable: false,
      cellClassName: 'numbers',
    },
    {
      field: 'mobileMasked',
      headerName: t('cases.col.mobile'),
      width: 112,
      sortable: false,
      cellClassName: 'numbers',
      valueFormatter: (value: string | null) => value || '—',
    },
    {
      field: 'place',
      headerName: t('cases.col.place'),
      flex: 1,
      minWidth: 120,
      valueGetter: (_value, row) => [row.township, row.village].filter(Boolean).join(' / '),
    },
    {
      field: 'officerName',
      headerName: t('cases.col.officer'),
      width: 92,
      sortable: false,
    },
    {
      field: 'totalOverdueFen',
      headerName: t('cases.col.overdue'),
      width: 132,
      type: 'number',
      valueFormatter: (value: number) => formatFen(value),
    },
    { field: 'dpd', headerName: t('cases.col.dpd'), width: 104, type: 'number' },
    {
      field: 'bucket',
      headerName: t('cases.col.bucket'),
      width: 84,
      renderCell: ({ row }) => <BucketChip bucket={row.bucket} />,
    },
    {
      field: 'lastContactAt',
      headerName: t('cases.col.lastContact'),
      width: 112,
      valueFormatter: (value: string | null) => (value ? formatDay(value) : t('cases.never')),
    },
    {
      field: 'flags',
      headerName: t('cases.col.flags'),
      flex: 1,
      minWidth: 120,
      sortable: false,
      renderCell: ({ row }) => (
        <FlagChips
          flags={{
            vulnerable: row.vulnerable,
            disputed: row.status === 'disputed',
            onHold: row.status === 'on_hold',
            brokenPromises: row.brokenPromises,
          }}
        />
      ),
    },
  ];
}

/**
 * Columns a narrower list leaves out, least needed first: the masked mobile (the case page has
 * it, revealable), the bucket (the days past due say it), the officer, the last contact. What
 * stays is who, where, how much, how late and the flags.
 */
const dropOrder: { field: string; width: number }[] = [
  { field: 'mobileMasked', width: 112 },
  { field: 'bucket', width: 84 },
  { field: 'officerName', width: 92 },
  { field: 'lastContactAt', width: 112 },
];

/** Every column's least width together, plus the grid's vertical scrollbar and borders. */
const fullWidth =
  caseColumns(((key: string) => key) as unknown as TFunction).reduce(
    (sum, c) => sum + (c.minWidth ?? c.width ?? 0),
    0,
  ) + 20;

/** The columns hidden in a grid `width` pixels wide: none while all fit, else the fewest. */
export function hiddenColumns(width: number): GridColumnVisibilityModel {
  const hidden: GridColumnVisibilityModel = {};
  let needed = fullWidth;
  for (const column of dropOrder) {
    if (needed <= width) break;
    hidden[column.field] = false;
    needed -= column.width;
  }
  return hidden;
}
