/**
 * "Copy link": the whole scenario (seed and trials included) in the link's fragment. Opening it
 * elsewhere reproduces the same numbers. The link is also shown, selectable, in case the
 * clipboard is unavailable.
 */
import type { Scenario } from '@sweetspot/scenario';
import { useEffect, useId, useRef, useState } from 'react';
import { shareUrl } from './urlState.ts';

export function CopyLink({
  scenario,
  verdict,
}: {
  scenario: Scenario | undefined;
  /** The verdict of this scenario's final results, shown as what the link's reader will see. */
  verdict?: string | undefined;
}) {
  const id = useId();
  const [shown, setShown] = useState<{ url: string; copied: boolean } | undefined>();
  const input = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);

  const copy = async () => {
    if (!scenario) return;
    const url = shareUrl(window.location.href, scenario);
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false; // no clipboard permission: the field below lets the user copy it
    }
    setShown({ url, copied });
  };

  useEffect(() => {
    if (!shown) return;
    input.current?.select();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setShown(undefined);
    };
    const onClick = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setShown(undefined);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onClick);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onClick);
    };
  }, [shown]);

  return (
    <div className="copy-link" ref={box}>
      <button
        type="button"
        onClick={() => void copy()}
        disabled={!scenario}
        title={scenario ? 'Copy a link to this exact scenario' : 'Fix the highlighted fields first'}
        data-testid="copy-link"
      >
        Copy link
      </button>
      {shown ? (
        <div className="popover" role="status" data-testid="share-popover">
          <p>
            <strong>{shown.copied ? 'Link copied.' : 'Copy this link:'}</strong> It holds the whole
            scenario, seed and trials: whoever opens it sees the same numbers.
          </p>
          {verdict ? (
            <p className="share-preview" data-testid="share-preview">
              <strong>Whoever opens it reads:</strong> {verdict}
            </p>
          ) : null}
          <label htmlFor={`${id}-url`} className="visually-hidden">
            Link to this scenario
          </label>
          <input
            id={`${id}-url`}
            ref={input}
            readOnly
            value={shown.url}
            className="mono"
            data-testid="share-url"
            onFocus={(e) => e.target.select()}
          />
        </div>
      ) : null}
    </div>
  );
}
