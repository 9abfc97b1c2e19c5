/**
 * The header's tools — Copy link, Import/export, Library, Report, Trainer — and what they open.
 * Also keeps the URL in step with the scenario and shows the message for a link that failed.
 */
import { verdictSentence } from '@sweetspot/analysis';
import type { Scenario } from '@sweetspot/scenario';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ReportView } from '../export/ReportView.tsx';
import { LibraryDialog } from '../library/LibraryDialog.tsx';
import { useLibrary } from '../library/useLibrary.ts';
import { UpdateBanner } from '../offline/UpdateBanner.tsx';
import type { RunController } from '../run/controller.ts';
import { useRunState } from '../run/useRunState.ts';
import { CopyLink } from '../share/CopyLink.tsx';
import { LinkNotice } from '../share/LinkNotice.tsx';
import type { LinkProblem } from '../share/urlState.ts';
import { useUrlSync } from '../share/useUrlSync.ts';
import { TrainerView } from '../trainer/TrainerView.tsx';
import { FilesDialog } from './FilesDialog.tsx';
import { PanelBoundary } from './PanelBoundary.tsx';

interface Props {
  controller: RunController;
  /** The scenario being edited, if it validates. */
  scenario: Scenario | undefined;
  /** Replaces the scenario being edited. */
  load: (scenario: Scenario) => void;
  /** Why the link the page was opened with could not be used. */
  linkProblem?: LinkProblem | undefined;
  /** Opens a link's scenario (asking first if its run is long); `load` if absent. */
  openLink?: ((scenario: Scenario) => void) | undefined;
}

type Panel = 'files' | 'library' | 'report' | 'trainer';

/** The header's buttons that open a dialog, in order (the trainer's is apart: it stands out). */
const DIALOGS: ReadonlyArray<[Panel, string]> = [
  ['files', 'Import / export'],
  ['library', 'Library'],
  ['report', 'Report'],
];

/** Each panel as its failure message names it: "Something went wrong in the library." */
const AREAS: Record<Panel, string> = {
  files: 'import and export',
  library: 'the library',
  report: 'the report',
  trainer: 'trainer mode',
};

interface Toast {
  text: string;
  action?: { label: string; run: () => void } | undefined;
}

export function AppTools({ controller, scenario, load, linkProblem, openLink }: Props) {
  const [panel, setPanel] = useState<Panel | undefined>();
  const [problem, setProblem] = useState<LinkProblem | undefined>(linkProblem);
  const [toast, setToast] = useState<Toast | undefined>();
  /** The scenario being edited when the trainer opened (lessons replace it). */
  const [beforeTrainer, setBeforeTrainer] = useState<Scenario | undefined>();
  const library = useLibrary(controller);
  // The share preview: the verdict of the final results shown, if they are this scenario's.
  const result = useRunState(controller, (state) => state.result);
  const verdict = useMemo(
    () =>
      result?.final && scenario && result.key === JSON.stringify(scenario)
        ? verdictSentence(result.summary, 'year', result.scenario.currency)
        : undefined,
    [result, scenario],
  );

  const say = useCallback(
    (text: string, action?: Toast['action']) => setToast({ text, action }),
    [],
  );
  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(() => setToast(undefined), toast.action ? 12_000 : 4000);
    return () => window.clearTimeout(timer);
  }, [toast]);

  const openFromLink = useCallback(
    (s: Scenario) => {
      setProblem(undefined);
      (openLink ?? load)(s);
      say(`Opened “${s.name}” from the link.`);
    },
    [load, openLink, say],
  );
  useUrlSync(scenario, openFromLink, setProblem);

  const close = useCallback(() => setPanel(undefined), []);
  /** Edits a scenario opened from a file or the library, saying where it came from. */
  const opened = (s: Scenario, message: string) => {
    load(s);
    say(message);
  };
  const openTrainer = () => {
    setBeforeTrainer(scenario);
    setPanel('trainer');
  };
  const closeTrainer = () => {
    setPanel(undefined);
    const previous = beforeTrainer;
    if (previous && scenario && JSON.stringify(previous) !== JSON.stringify(scenario))
      say(`Showing the lesson “${scenario.name}”.`, {
        label: 'Back to your scenario',
        run: () => load(previous),
      });
  };

  return (
    <>
      <nav className="app-tools" id="header-tools" aria-label="Share, save and present">
        <CopyLink scenario={scenario} verdict={verdict} />
        {DIALOGS.map(([name, label]) => (
          <button
            key={name}
            type="button"
            onClick={() => setPanel(name)}
            data-testid={`open-${name}`}
          >
            {label}
          </button>
        ))}
        <button type="button" className="primary" onClick={openTrainer} data-testid="open-trainer">
          Trainer
        </button>
      </nav>
      {problem ? <LinkNotice problem={problem} onDismiss={() => setProblem(undefined)} /> : null}
      {toast ? (
        <div className="toast" role="status" data-testid="toast">
          {toast.text}
          {toast.action ? (
            <button
              type="button"
              className="small"
              onClick={() => {
                toast.action?.run();
                setToast(undefined);
              }}
              data-testid="toast-action"
            >
              {toast.action.label}
            </button>
          ) : null}
        </div>
      ) : null}
      <UpdateBanner />
      {panel ? (
        <PanelBoundary
          key={panel}
          area={AREAS[panel]}
          onClose={panel === 'trainer' ? closeTrainer : close}
        >
          {panel === 'files' ? (
            <FilesDialog
              controller={controller}
              scenario={scenario}
              onClose={close}
              onImport={(s, file) => {
                close();
                opened(s, `Imported “${s.name}” from ${file}.`);
              }}
            />
          ) : panel === 'library' ? (
            <LibraryDialog
              library={library}
              scenario={scenario}
              onClose={close}
              onOpen={(s, name) => opened(s, `Opened “${name}” from the library.`)}
            />
          ) : panel === 'report' ? (
            <ReportView controller={controller} onClose={close} />
          ) : (
            <TrainerView
              controller={controller}
              scenario={scenario}
              load={load}
              onClose={closeTrainer}
            />
          )}
        </PanelBoundary>
      ) : null}
    </>
  );
}
