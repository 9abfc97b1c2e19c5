/** A list's heading with its "Add …" button, disabled at the list's limit. */
import type { ReactNode } from 'react';

interface Props {
  /** The heading element: a section's h2 or a sub-list's h3. */
  level: 'h2' | 'h3';
  id: string;
  title: ReactNode;
  addLabel: string;
  onAdd: () => void;
  /** The list is at its limit. */
  full: boolean;
}

export function SectionHead({ level: Heading, id, title, addLabel, onAdd, full }: Props) {
  return (
    <div className="section-head">
      <Heading id={id}>{title}</Heading>
      <button type="button" className="small" onClick={onAdd} disabled={full}>
        {addLabel}
      </button>
    </div>
  );
}

type ListSectionProps = Omit<Props, 'level'> & { children: ReactNode };

/** An editor section holding a list (segments, strategies), headed by its "Add …" button. */
export function ListSection({ children, ...head }: ListSectionProps) {
  return (
    <section className="editor-section" aria-labelledby={head.id}>
      <SectionHead level="h2" {...head} />
      {children}
    </section>
  );
}
