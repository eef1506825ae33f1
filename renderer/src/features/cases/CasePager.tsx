import { TablePagination } from '@mui/material';

export interface CasePagerProps {
  total: number;
  page: number;
  pageSize: number;
  pageSizes: readonly number[];
  onPage: (page: number, pageSize: number) => void;
}

/**
 * The case list's pager (MUI's table pagination: the page's range, the page size, previous and
 * next). A module of its own so that the first screen loads it after its rows have painted:
 * its select, menu and number formatting are code the first rows do not need.
 */
export default function CasePager(props: CasePagerProps) {
  const pageCount = Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <TablePagination
      component="div"
      count={props.total}
      page={Math.min(props.page, pageCount - 1)}
      rowsPerPage={props.pageSize}
      rowsPerPageOptions={[...props.pageSizes]}
      onPageChange={(_e, page) => props.onPage(page, props.pageSize)}
      onRowsPerPageChange={(e) => props.onPage(0, Number(e.target.value))}
    />
  );
}
