/** The A/B pair: the two strategies compared trial by trial. */
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
        <SelectField
          path={['compare', 0]}
          label={
            <>
              <span className="badge badge-a">A</span> Strategy A
            </>
          }
          value={draft.compare[0]}
          options={withMissing(draft.compare[0])}
          onChange={(v) => set(['compare', 0], v)}
        />
        <SelectField
          path={['compare', 1]}
          label={
            <>
              <span className="badge badge-b">B</span> Strategy B
            </>
          }
          value={draft.compare[1]}
          options={withMissing(draft.compare[1])}
          onChange={(v) => set(['compare', 1], v)}
        />
      </div>
    </section>
  );
}
