// Test hook (?failWorker=1, window.__sweetspotTest.failNextRun()): a worker that dies as it
// starts, so the app's crash handling and Retry can be exercised against the real pool.
throw new Error('Simulated worker crash (test hook)');
