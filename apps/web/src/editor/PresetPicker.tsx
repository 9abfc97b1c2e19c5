/** Built-in scenarios with where their numbers come from. */
import { PRESETS, type Scenario } from '@sweetspot/scenario';
import { useId, useState } from 'react';

/**
 * The description box describes the preset chosen in the list once the user picks one; until
 * then, if the scenario in the editor is not that preset (an import, a link, a file), it
 * describes the scenario in the editor, so that the box never passes off a preset's story as the
 * user's own numbers.
 */
export function PresetPicker({
  current,
  onLoad,
}: {
  current: Scenario;
  onLoad: (scenario: Scenario) => void;
}) {
  const [index, setIndex] = useState(0);
  const [picked, setPicked] = useState(false);
  const id = useId();
  const preset = PRESETS[index];
  const showsPreset = picked || preset?.name === current.name;
  const described = showsPreset ? preset : current;
  const sources = described?.provenance?.sources ?? [];
  return (
    <section className="editor-section presets" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Presets</h2>
      <div className="preset-row">
        <label htmlFor={`${id}-select`} className="visually-hidden">
          Preset scenario
        </label>
        <select
          id={`${id}-select`}
          value={index}
          onChange={(e) => {
            setIndex(Number(e.target.value));
            setPicked(true);
          }}
        >
          {PRESETS.map((p, i) => (
            <option key={p.name} value={i}>
              {p.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => {
            if (!preset) return;
            onLoad(structuredClone(preset));
            setPicked(false);
          }}
          aria-describedby={`${id}-desc`}
        >
          Load preset
        </button>
      </div>
      <p className="preset-description" id={`${id}-desc`} data-testid="preset-description">
        {showsPreset ? (
          preset?.provenance?.description
        ) : (
          <>
            <strong>In the editor: {current.name}.</strong>{' '}
            {current.provenance?.description ?? 'Pick a preset above to read what it shows.'}
          </>
        )}
      </p>
      {sources.length > 0 ? (
        <details className="sources">
          <summary>Sources and assumptions ({sources.length})</summary>
          <ul>
            {sources.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
