// zod must be configured before the scenario schema is built (see zod-config.ts): keep first.
import './zod-config.ts';
import { defaultScenario } from '@sweetspot/scenario';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { RunController } from './run/controller.ts';
import { createAppRunner, createSummaryWorker } from './run/runners.ts';
import { createWorkerSummarizer } from './run/summaryClient.ts';
import { installTestHooks } from './run/testHooks.ts';
import './styles.css';

const controller = new RunController({
  createRunner: createAppRunner,
  summarizer: createWorkerSummarizer(createSummaryWorker),
});
installTestHooks(controller, window.location.search);

const root = document.getElementById('root');
if (!root) throw new Error('Sweetspot: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary area="the app">
      <App controller={controller} initial={defaultScenario()} />
    </ErrorBoundary>
  </StrictMode>,
);
