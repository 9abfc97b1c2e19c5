/** The A/B pair: the two strategies compared trial by trial. */
import { SideBadge } from '../ui/SideBadge.tsx';
import { useEditor } from './EditorContext.tsx';
import { SelectField } from './fields.tsx';

export function CompareSection() {
  const { draft, set } = useEditor();
  const options = draft.strategies.map((s, i) => ({
    value: s.id,
    label: s.name || `Strategy ${i + 1}`,
  }));
  // A compare id that names no strategy still needs an option, so the select shows the problem.
  const withMissing = (id: string) =>
    options.some((o) => o.value === id)
      ? options
      : [...options, { value: id, label: `(missing: ${id})` }];
  return (
    <section className="editor-section" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare</h2>
      <div className="field-row">
        {draft.compare.map((id, i) => {
          const side = i === 0 ? 'A' : 'B';
          return (
            <SelectField
              key={side}
              path={['compare', i]}
              label={
                <>
                  <SideBadge side={side} /> Strategy {side}
                </>
              }
              value={id}
              options={withMissing(id)}
              onChange={(v) => set(['compare', i], v)}
            />
          );
        })}
      </div>
    </section>
  );
}
