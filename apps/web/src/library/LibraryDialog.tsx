/** The library: save the scenario under a name, and open, rename, duplicate or delete saved ones. */
import type { Scenario } from '@sweetspot/scenario';
import { useId, useState } from 'react';
import { LOCALE, MISSING, money, probability } from '../format.ts';
import { problemLines } from '../share/scenarioFile.ts';
import { Modal } from '../ui/Modal.tsx';
import type { LibraryEntry } from './store.ts';
import type { LibraryApi } from './useLibrary.ts';

interface Props {
  library: LibraryApi;
  /** The scenario being edited, if it validates. */
  scenario: Scenario | undefined;
  onOpen: (scenario: Scenario, name: string) => void;
  onClose: () => void;
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

function Headline({ entry }: { entry: LibraryEntry }) {
  const h = entry.headline;
  if (!h)
    return (
      <>
        <td className="num muted">{MISSING}</td>
        <td className="num muted">{MISSING}</td>
        <td className="num muted">not run yet</td>
      </>
    );
  return (
    <>
      <td className="num" data-testid="lib-mean-a">
        {money(h.a.meanBookings, h.currency)}
      </td>
      <td className="num" data-testid="lib-mean-b">
        {money(h.b.meanBookings, h.currency)}
      </td>
      <td className="num" data-testid="lib-beats">
        {probability(h.pABeatsB)}
      </td>
    </>
  );
}

/** One of a row's small buttons. */
interface Action {
  label: string;
  onClick: () => void;
  testId?: string;
  danger?: boolean;
}

/** A row's action whose test id is its label: "Open" → `library-open`. */
function rowAction(label: string, onClick: () => void): Action {
  return { label, onClick, testId: `library-${label.toLowerCase()}` };
}

/** A row's actions, as small buttons in order. */
function ActionButtons({ actions }: { actions: Action[] }) {
  return (
    <>
      {actions.map((a) => (
        <button
          key={a.label}
          type="button"
          className={a.danger ? 'small danger' : 'small'}
          onClick={a.onClick}
          data-testid={a.testId}
        >
          {a.label}
        </button>
      ))}
    </>
  );
}

export function LibraryDialog({ library, scenario, onOpen, onClose }: Props) {
  const id = useId();
  const { entries, active, status, error } = library;
  const [name, setName] = useState(active?.name ?? scenario?.name ?? '');
  const [editing, setEditing] = useState<{ id: string; name: string } | undefined>();
  const [confirming, setConfirming] = useState<string | undefined>();
  const [refused, setRefused] = useState<{ name: string; lines: string[] } | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const ready = status === 'ready';

  const save = async (mode: 'new' | 'update') => {
    if (!scenario) return;
    setSaved(undefined);
    if (await library.save(name, scenario, mode)) setSaved(`Saved “${name.trim()}”.`);
  };

  const open = async (entry: LibraryEntry) => {
    setRefused(undefined);
    const result = await library.open(entry.id);
    if (!result) return;
    if (result.ok) {
      onOpen(result.scenario, entry.name);
      onClose();
    } else setRefused({ name: entry.name, lines: problemLines(result.errors) });
  };

  return (
    <Modal title="Library" onClose={onClose} className="modal-wide" testId="library-dialog">
      <section className="modal-section library-save" aria-labelledby={`${id}-save`}>
        <h3 id={`${id}-save`}>Save the current scenario</h3>
        <form
          className="library-save-row"
          onSubmit={(e) => {
            e.preventDefault();
            void save('new');
          }}
        >
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={120}
            data-testid="library-name"
          />
          <button type="submit" disabled={!ready || !scenario} data-testid="library-save-new">
            Save as new
          </button>
          {active ? (
            <button
              type="button"
              disabled={!ready || !scenario}
              onClick={() => void save('update')}
              data-testid="library-save-update"
            >
              Save changes to “{active.name}”
            </button>
          ) : null}
        </form>
        {scenario ? null : <p className="hint">Fix the highlighted fields to save the scenario.</p>}
        <p className="library-status" role="status">
          {saved ?? ''}
        </p>
      </section>
      {error ? (
        <div className="library-error" role="alert" data-testid="library-error">
          <p>{error}</p>
          <button type="button" className="small" onClick={library.clearError}>
            Dismiss
          </button>
        </div>
      ) : null}
      {refused ? (
        <div className="library-error" role="alert" data-testid="library-refused">
          <p>
            <strong>“{refused.name}” could not be opened.</strong> The scenario being edited is
            unchanged.
          </p>
          <ul>
            {refused.lines.map((line) => (
              <li key={line} className="mono">
                {line}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <section className="modal-section" aria-labelledby={`${id}-list`}>
        <h3 id={`${id}-list`}>Saved scenarios{entries.length > 0 ? ` (${entries.length})` : ''}</h3>
        {entries.length > 0 ? (
          <p className="hint">
            Bookings: mean over the trials of the last run, whole horizon. A beats B: share of
            trials in which A booked more.
          </p>
        ) : null}
        {status === 'opening' ? <p className="hint">Opening the library…</p> : null}
        {ready && entries.length === 0 ? (
          <p className="hint">
            Nothing saved yet. Saved scenarios stay in this browser, with the results of their last
            run.
          </p>
        ) : null}
        {entries.length > 0 ? (
          <div className="table-scroll">
            <table className="library-table" data-testid="library-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col" className="num">
                    <span className="badge badge-a">A</span> bookings
                  </th>
                  <th scope="col" className="num">
                    <span className="badge badge-b">B</span> bookings
                  </th>
                  <th scope="col" className="num">
                    A beats B
                  </th>
                  <th scope="col">Saved</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr
                    key={entry.id}
                    data-testid="library-row"
                    className={active?.id === entry.id ? 'active' : undefined}
                  >
                    <th scope="row">
                      {editing?.id === entry.id ? (
                        <form
                          className="rename-form"
                          onSubmit={(e) => {
                            e.preventDefault();
                            void library.rename(entry.id, editing.name).then((ok) => {
                              if (ok) setEditing(undefined);
                            });
                          }}
                        >
                          <label htmlFor={`${id}-rename`} className="visually-hidden">
                            New name for {entry.name}
                          </label>
                          <input
                            id={`${id}-rename`}
                            value={editing.name}
                            maxLength={120}
                            // biome-ignore lint/a11y/noAutofocus: the user just asked to rename this row.
                            autoFocus
                            onChange={(e) => setEditing({ id: entry.id, name: e.target.value })}
                            data-testid="library-rename-input"
                          />
                          <button type="submit" className="small">
                            Save
                          </button>
                          <button
                            type="button"
                            className="small"
                            onClick={() => setEditing(undefined)}
                          >
                            Cancel
                          </button>
                        </form>
                      ) : (
                        <>
                          <span className="library-name" data-testid="library-entry-name">
                            {entry.name}
                          </span>
                          {active?.id === entry.id ? <span className="tag">editing</span> : null}
                          {entry.headline ? (
                            <span className="library-sub">
                              A {entry.headline.a.name} vs B {entry.headline.b.name} ·{' '}
                              {entry.headline.period},{' '}
                              {entry.headline.trials.toLocaleString(LOCALE)} trials
                            </span>
                          ) : null}
                        </>
                      )}
                    </th>
                    <Headline entry={entry} />
                    <td className="date">{dateFormat.format(entry.updatedAt)}</td>
                    <td className="library-actions">
                      <ActionButtons
                        actions={
                          confirming === entry.id
                            ? [
                                {
                                  label: `Delete “${entry.name}”`,
                                  danger: true,
                                  testId: 'library-confirm-delete',
                                  onClick: () => {
                                    setConfirming(undefined);
                                    void library.remove(entry.id);
                                  },
                                },
                                { label: 'Keep', onClick: () => setConfirming(undefined) },
                              ]
                            : [
                                rowAction('Open', () => void open(entry)),
                                rowAction('Rename', () =>
                                  setEditing({ id: entry.id, name: entry.name }),
                                ),
                                rowAction('Duplicate', () => void library.duplicate(entry.id)),
                                rowAction('Delete', () => setConfirming(entry.id)),
                              ]
                        }
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </Modal>
  );
}
