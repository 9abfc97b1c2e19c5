/** A list's heading with its "Add …" button, disabled at the list's limit. */
import type { ReactNode } from 'react';
import { addSegment, addStrategy } from './draft.ts';
import { useEditor } from './EditorContext.tsx';

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

/** The editor's lists: heading, "Add …" button, what it adds, and the list's limit. */
const LISTS = {
  segments: { title: 'Segments', addLabel: 'Add segment', add: addSegment, max: 20 },
  strategies: { title: 'Strategies', addLabel: 'Add strategy', add: addStrategy, max: 8 },
} as const;

/** An editor section holding a list (segments, strategies), headed by its "Add …" button. */
export function ListSection({ list, children }: { list: keyof typeof LISTS; children: ReactNode }) {
  const { draft, apply } = useEditor();
  const { title, addLabel, add, max } = LISTS[list];
  const id = `${list}-heading`;
  return (
    <section className="editor-section" aria-labelledby={id}>
      <SectionHead
        level="h2"
        id={id}
        title={title}
        addLabel={addLabel}
        onAdd={() => apply(add)}
        full={draft[list].length >= max}
      />
      {children}
    </section>
  );
}
