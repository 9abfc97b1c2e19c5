/** Files: the scenario as JSON (download, import) and the results as CSV. */
import type { Scenario } from '@sweetspot/scenario';
import { ResultsDownloads } from '../export/ResultsDownloads.tsx';
import type { RunController } from '../run/controller.ts';
import { ScenarioImport } from '../share/ScenarioImport.tsx';
import { scenarioFileText } from '../share/scenarioFile.ts';
import { downloadBlob, slug } from '../ui/download.ts';
import { Modal } from '../ui/Modal.tsx';

interface Props {
  controller: RunController;
  /** The scenario being edited, if it validates. */
  scenario: Scenario | undefined;
  onImport: (scenario: Scenario, fileName: string) => void;
  onClose: () => void;
}

export function FilesDialog({ controller, scenario, onImport, onClose }: Props) {
  const exportJson = () => {
    if (!scenario) return;
    downloadBlob(
      new Blob([scenarioFileText(scenario)], { type: 'application/json' }),
      `${slug(scenario.name)}.json`,
    );
  };
  return (
    <Modal title="Import and export" onClose={onClose} className="modal-wide" testId="files-dialog">
      <section className="modal-section" aria-labelledby="files-scenario">
        <h3 id="files-scenario">Scenario file</h3>
        <p className="hint">
          The whole scenario — team, segments, strategies, seed and trials — as JSON. Opening it
          again (here or with the command-line tool) reproduces the same numbers.
        </p>
        <div className="button-row">
          <button type="button" onClick={exportJson} disabled={!scenario} data-testid="export-json">
            Export scenario (JSON)
          </button>
          {scenario ? null : (
            <span className="hint">Fix the highlighted fields to export the scenario.</span>
          )}
        </div>
        <h4>Import a scenario</h4>
        <p className="hint">
          Replaces the scenario being edited. Every problem in the file is listed.
        </p>
        <ScenarioImport onImport={onImport} />
      </section>
      <section className="modal-section" aria-labelledby="files-results">
        <h3 id="files-results">Results</h3>
        <ResultsDownloads controller={controller} />
        <p className="hint">Each chart has its own PNG and SVG buttons beside its title.</p>
      </section>
    </Modal>
  );
}
