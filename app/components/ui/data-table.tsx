import { useId, type ReactNode } from "react";

/** One column: its header, how a row fills its cell, and whether it holds numbers (right-aligned). */
export type Column<Row> = {
  header: ReactNode;
  cell: (row: Row, index: number) => ReactNode;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** The cell names its row: drawn as `<th scope="row">`. */
  rowHeader?: boolean;
  /** Extra classes for the column's cells (e.g. `nowrap`). */
  className?: string;
  /** A stable key when the header is not a plain string. */
  key?: string;
};

type DataTableProps<Row> = {
  /** What the table shows: every table has one, for screen readers if not on screen. */
  caption: ReactNode;
  /** Keep the caption for screen readers only, when a heading right above already says it. */
  captionHidden?: boolean;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  rowClassName?: (row: Row) => string | undefined;
  /** A closing row (totals), one cell per column. */
  footer?: ReactNode[];
  /**
   * Wider than the page on most screens: the scroll box becomes a labelled, focusable region so that
   * keyboard users can scroll it too.
   */
  wide?: boolean;
  className?: string;
};

/**
 * The one table of the application: a caption, column headers with `scope`, numbers right-aligned, and
 * a box that scrolls sideways on a narrow screen instead of squeezing the page.
 */
export function DataTable<Row>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
  rowClassName,
  footer,
  wide,
  className,
}: DataTableProps<Row>) {
  const captionId = `table-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}-caption`;
  const cellClass = (column: Column<Row>) =>
    [column.numeric ? "num" : null, column.className].filter(Boolean).join(" ") || undefined;
  const keyOf = (column: Column<Row>, i: number) =>
    column.key ?? (typeof column.header === "string" ? `${column.header}-${i}` : String(i));
  const table = (
    <table className={className}>
      <caption id={captionId} className={captionHidden ? "visually-hidden" : undefined}>
        {caption}
      </caption>
      <thead>
        <tr>
          {columns.map((column, i) => (
            <th scope="col" className={column.numeric ? "num" : undefined} key={keyOf(column, i)}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={rowKey(row, r)} className={rowClassName?.(row)}>
            {columns.map((column, i) =>
              column.rowHeader ? (
                <th scope="row" className={cellClass(column)} key={keyOf(column, i)}>
                  {column.cell(row, r)}
                </th>
              ) : (
                <td className={cellClass(column)} key={keyOf(column, i)}>
                  {column.cell(row, r)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
      {footer ? (
        <tfoot>
          <tr>
            {footer.map((content, i) =>
              columns[i]?.rowHeader ? (
                <th scope="row" key={i}>
                  {content}
                </th>
              ) : (
                <td className={columns[i] ? cellClass(columns[i]) : undefined} key={i}>
                  {content}
                </td>
              ),
            )}
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
  return wide ? (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      {table}
    </div>
  ) : (
    <div className="table-wrap">{table}</div>
  );
}
