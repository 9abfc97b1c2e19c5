// zod must be configured before the scenario schema is built (see zod-config.ts): keep first.
import './zod-config.ts';
import { defaultScenario } from '@sweetspot/scenario';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { registerServiceWorker } from './offline/register.ts';
import { RunController } from './run/controller.ts';
import { createAppRunner, createSummaryWorker } from './run/runners.ts';
import { createWorkerSummarizer } from './run/summaryClient.ts';
import { installTestHooks } from './run/testHooks.ts';
import { appLinkDecoder } from './share/decodeClient.ts';
import { linkRunAsk } from './share/linkBudget.ts';
import { initialScenario } from './share/urlState.ts';
import './styles.css';
import './share/tools.css';
import './export/export.css';
import './trainer/trainer.css';

const controller = new RunController({
  createRunner: createAppRunner,
  summarizer: createWorkerSummarizer(createSummaryWorker),
});
installTestHooks(controller, window.location.search);

// A shared link (`#s=…`) opens its scenario; a broken one shows why and falls back to the default.
// It is decoded in a worker (inflating and validating a crafted link cannot freeze the page), and
// a run estimated over a minute waits for the user's answer. (No top-level await: it would make
// the bundler split the entry, and the zod configuration above must run before anything else.)
async function start(): Promise<void> {
  const initial = await initialScenario(window.location.hash, defaultScenario, appLinkDecoder());
  const initialAsk = initial.from === 'link' ? linkRunAsk(initial.scenario) : undefined;
  const root = document.getElementById('root');
  if (!root) throw new Error('Sweetspot: #root is missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary area="the app">
        <App
          controller={controller}
          initial={initial.scenario}
          linkProblem={initial.problem}
          initialAsk={initialAsk}
        />
      </ErrorBoundary>
    </StrictMode>,
  );
}

// Offline support, in the built app only (the dev server has no service worker to serve).
if (import.meta.env.PROD) registerServiceWorker(`${import.meta.env.BASE_URL}sw.js`);
void start();
