/** A results table in a figure: its title, a one-line note, and a scroll region for wide tables. */
import type { ReactNode } from 'react';
import { ScrollRegion } from '../ui/ScrollRegion.tsx';

export function TableFigure({
  id,
  title,
  note,
  testId,
  children,
}: {
  /** Id of the title, which labels the figure and its scroll region. */
  id: string;
  title: string;
  note: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <figure className="chart" aria-labelledby={id} data-testid={testId}>
      <h3 id={id}>{title}</h3>
      <p className="chart-note">{note}</p>
      <ScrollRegion className="table-scroll" labelledBy={id}>
        {children}
      </ScrollRegion>
    </figure>
  );
}
