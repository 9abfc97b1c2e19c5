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
        <button type="button" onClick={() => setPanel('files')} data-testid="open-files">
          Import / export
        </button>
        <button type="button" onClick={() => setPanel('library')} data-testid="open-library">
          Library
        </button>
        <button type="button" onClick={() => setPanel('report')} data-testid="open-report">
          Report
        </button>
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
      {panel === 'files' ? (
        <PanelBoundary area="import and export" onClose={close}>
          <FilesDialog
            controller={controller}
            scenario={scenario}
            onClose={close}
            onImport={(s, file) => {
              load(s);
              close();
              say(`Imported “${s.name}” from ${file}.`);
            }}
          />
        </PanelBoundary>
      ) : null}
      {panel === 'library' ? (
        <PanelBoundary area="the library" onClose={close}>
          <LibraryDialog
            library={library}
            scenario={scenario}
            onClose={close}
            onOpen={(s, name) => {
              load(s);
              say(`Opened “${name}” from the library.`);
            }}
          />
        </PanelBoundary>
      ) : null}
      {panel === 'report' ? (
        <PanelBoundary area="the report" onClose={close}>
          <ReportView controller={controller} onClose={close} />
        </PanelBoundary>
      ) : null}
      {panel === 'trainer' ? (
        <PanelBoundary area="trainer mode" onClose={closeTrainer}>
          <TrainerView
            controller={controller}
            scenario={scenario}
            load={load}
            onClose={closeTrainer}
          />
        </PanelBoundary>
      ) : null}
    </>
  );
}
