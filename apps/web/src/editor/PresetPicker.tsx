/** Built-in scenarios with where their numbers come from. */
import { PRESETS, type Scenario } from '@sweetspot/scenario';
import { useId, useState } from 'react';

export function PresetPicker({ onLoad }: { onLoad: (scenario: Scenario) => void }) {
  const [index, setIndex] = useState(0);
  const id = useId();
  const preset = PRESETS[index];
  const sources = preset?.provenance?.sources ?? [];
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
          onChange={(e) => setIndex(Number(e.target.value))}
        >
          {PRESETS.map((p, i) => (
            <option key={p.name} value={i}>
              {p.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => preset && onLoad(structuredClone(preset))}
          aria-describedby={`${id}-desc`}
        >
          Load preset
        </button>
      </div>
      <p className="preset-description" id={`${id}-desc`}>
        {preset?.provenance?.description}
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
