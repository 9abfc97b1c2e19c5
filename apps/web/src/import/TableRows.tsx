/**
 * A table's header row and body from its columns, each a title with how a row shows in it: the
 * header and each row's cells are written once, side by side, and cannot drift apart.
 */
import type { ReactNode } from 'react';
import { TableHead } from '../ui/TableHead.tsx';

/** A column: its title and how a row shows in it. */
export type Column<T> = readonly [title: string, cell: (row: T) => ReactNode];

interface Props<T> {
  /** The first column: its title, and each row's name in it (a row header, and the row's key). */
  rowHeader: readonly [title: string, name: (row: T) => string];
  /** The data columns after it. */
  columns: readonly Column<T>[];
  rows: readonly T[];
}

export function TableRows<T>({ rowHeader: [rowTitle, name], columns, rows }: Props<T>) {
  return (
    <>
      <TableHead columns={[rowTitle, ...columns.map(([title]) => title)]} />
      <tbody>
        {rows.map((row) => (
          <tr key={name(row)}>
            <th scope="row">{name(row)}</th>
            {columns.map(([title, cell]) => (
              <td key={title}>{cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </>
  );
}
