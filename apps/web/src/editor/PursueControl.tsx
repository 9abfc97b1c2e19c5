/** Which segments a strategy (or its quarter-end push) pursues: sweet spot, all, or chosen ones. */
import type { Pursue } from '@sweetspot/scenario';
import { useEditor } from './EditorContext.tsx';
import { SelectField } from './fields.tsx';
import { fieldId, type PathKey, pathString } from './paths.ts';

const OPTIONS = [
  { value: 'sweet-spot', label: 'The sweet spot' },
  { value: 'all', label: 'Everything' },
  { value: 'chosen', label: 'Chosen segments' },
] as const;

export function PursueControl({ path, label }: { path: readonly PathKey[]; label: string }) {
  const { draft, set } = useEditor();
  const pursue = path.reduce<unknown>(
    (node, key) => (node as Record<PathKey, unknown> | undefined)?.[key],
    draft,
  ) as Pursue | undefined;
  const mode = Array.isArray(pursue) ? 'chosen' : (pursue ?? 'all');
  const chosen = new Set(Array.isArray(pursue) ? pursue : []);
  const baseId = fieldId(pathString(path));
  const onMode = (value: string) => {
    if (value === 'chosen') {
      const sweet = draft.segments.filter((s) => s.sweetSpot).map((s) => s.id);
      set(path, sweet.length > 0 ? sweet : draft.segments.slice(0, 1).map((s) => s.id));
    } else set(path, value);
  };
  const toggle = (id: string, on: boolean) => {
    const next = draft.segments.map((s) => s.id).filter((s) => (s === id ? on : chosen.has(s)));
    set(path, next);
  };
  return (
    <div className="pursue">
      <SelectField path={path} label={label} value={mode} options={OPTIONS} onChange={onMode} />
      {mode === 'chosen' ? (
        <fieldset className="chosen-segments">
          <legend className="visually-hidden">{label}: chosen segments</legend>
          {draft.segments.map((segment, i) => {
            const id = `${baseId}-seg-${i}`;
            return (
              <div className="check" key={segment.id}>
                <input
                  id={id}
                  type="checkbox"
                  checked={chosen.has(segment.id)}
                  onChange={(e) => toggle(segment.id, e.target.checked)}
                />
                <label htmlFor={id}>{segment.name || `Segment ${i + 1}`}</label>
              </div>
            );
          })}
        </fieldset>
      ) : null}
    </div>
  );
}
