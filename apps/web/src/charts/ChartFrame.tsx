import type { ReactNode } from 'react';

/** A chart with its title and a one-line reading guide. */
export function ChartFrame({
  id,
  title,
  note,
  children,
  wide = false,
}: {
  id: string;
  title: string;
  note?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <figure className={`chart${wide ? ' wide' : ''}`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {note ? <p className="chart-note">{note}</p> : null}
      {children}
    </figure>
  );
}
