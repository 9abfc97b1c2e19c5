/**
 * Runs chart drawing jobs one per task (a MessageChannel message each), in the order they were
 * scheduled, so the browser can handle input and paint between two charts.
 */

interface Job {
  draw: () => void;
  cancelled: boolean;
}

const queue: Job[] = [];
let pending = false;
let channel: MessageChannel | undefined;

function next(): void {
  pending = false;
  let job = queue.shift();
  while (job?.cancelled) job = queue.shift();
  if (job) job.draw();
  if (queue.length > 0) post();
}

function post(): void {
  if (pending) return;
  pending = true;
  if (typeof MessageChannel === 'undefined') {
    setTimeout(next, 0);
    return;
  }
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = next;
  }
  channel.port2.postMessage(null);
}

/** Schedules a drawing job; returns a function that cancels it if it has not run yet. */
export function scheduleDraw(draw: () => void): () => void {
  const job: Job = { draw, cancelled: false };
  queue.push(job);
  post();
  return () => {
    job.cancelled = true;
  };
}

/** Jobs waiting (for tests and the "all charts drawn" check). */
export function pendingDraws(): number {
  return queue.filter((j) => !j.cancelled).length;
}
