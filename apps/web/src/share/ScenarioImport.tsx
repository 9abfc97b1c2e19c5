/**
 * Import a scenario file (file picker or drag and drop). The file is validated in full and every
 * problem listed (`path: message`); an invalid file changes nothing.
 */
import type { Scenario } from '@sweetspot/scenario';
import { type DragEvent, useId, useState } from 'react';
import { MAX_SCENARIO_FILE_BYTES, problemLines, readScenarioText } from './scenarioFile.ts';

interface Props {
  onImport: (scenario: Scenario, fileName: string) => void;
}

export function ScenarioImport({ onImport }: Props) {
  const id = useId();
  const [problems, setProblems] = useState<{ file: string; lines: string[] } | undefined>();
  const [over, setOver] = useState(false);

  const read = async (file: File | undefined) => {
    if (!file) return;
    setProblems(undefined);
    if (file.size > MAX_SCENARIO_FILE_BYTES) {
      setProblems({
        file: file.name,
        lines: [`The file is too large (${Math.round(file.size / 1024)} KB) for a scenario.`],
      });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      setProblems({ file: file.name, lines: [`The file could not be read: ${String(error)}`] });
      return;
    }
    const result = readScenarioText(text);
    if (result.ok) onImport(result.scenario, file.name);
    else setProblems({ file: file.name, lines: problemLines(result.errors) });
  };

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setOver(false);
    void read(event.dataTransfer.files[0]);
  };

  return (
    <div className="scenario-import">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone is an extra to the file input inside it. */}
      <div
        className={`drop-zone${over ? ' drop-over' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>Drop a scenario .json file here, or</p>
        <label htmlFor={`${id}-file`} className="file-button">
          Choose a file…
        </label>
        <input
          id={`${id}-file`}
          className="file-input"
          type="file"
          accept=".json,application/json"
          data-testid="import-file"
          onChange={(e) => {
            void read(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      {problems ? (
        <div className="import-problems" role="alert" data-testid="import-problems">
          <p>
            <strong>
              “{problems.file}” was not imported: {problems.lines.length}{' '}
              {problems.lines.length === 1 ? 'problem' : 'problems'}.
            </strong>{' '}
            Nothing was changed.
          </p>
          <ul>
            {problems.lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same message may repeat.
              <li key={i} className="mono">
                {line}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
