/** A region that scrolls on its own (a wide table), named for screen readers. */
import type { ReactNode } from 'react';

interface Props {
  className: string;
  /** Its name, when no element on the page names it. */
  label?: string;
  /** The id of the element that names it. */
  labelledBy?: string;
  children: ReactNode;
}

export function ScrollRegion({ className, label, labelledBy, children }: Props) {
  return (
    <section
      className={className}
      aria-label={label}
      aria-labelledby={labelledBy}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe: scrollable-region-focusable)
      tabIndex={0}
    >
      {children}
    </section>
  );
}
