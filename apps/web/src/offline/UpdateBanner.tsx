/** "A new version is ready — Reload": shown when an updated service worker is waiting. */
import { useEffect, useState } from 'react';
import { onUpdateReady } from './register.ts';

export function UpdateBanner() {
  const [apply, setApply] = useState<(() => void) | undefined>();
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => onUpdateReady((fn) => setApply(() => fn)), []);
  if (!apply || dismissed) return null;
  return (
    <div className="toast update-toast" role="status">
      <span>A new version of Sweetspot is ready.</span>
      <button type="button" className="small" onClick={apply}>
        Reload
      </button>
      <button type="button" className="small" onClick={() => setDismissed(true)}>
        Later
      </button>
    </div>
  );
}
