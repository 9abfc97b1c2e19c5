/** The import's list of warnings or notes: one item per text, nothing at all when there are none. */
import type { ReactNode } from 'react';

interface Props {
  /** The texts, each one item (and its key). */
  items: readonly string[];
  /** How an item reads, when not as it is. */
  show?: (item: string) => ReactNode;
  /** The list's name for screen readers, when no heading names it. */
  label?: string;
  testId?: string;
}

export function WarningList({ items, show, label, testId }: Props) {
  if (items.length === 0) return null;
  return (
    <ul className="crm-warnings" aria-label={label} data-testid={testId}>
      {items.map((item) => (
        <li key={item} className="crm-warning">
          {show ? show(item) : item}
        </li>
      ))}
    </ul>
  );
}
