/**
 * A file input that also takes a dropped file, with the problem of reading it below; the progress
 * of reading it, with Cancel.
 */
import { type DragEvent, useState } from 'react';
import { number } from '../format.ts';
import type { FileRole } from './dialog-state.ts';
import type { ParseProgress } from './types.ts';

/** Each kind of file's input: its id, its label, the hint below it and where its problem shows. */
const FILES: Record<FileRole, { id: string; label: string; hint: string; errorTestId: string }> = {
  main: {
    id: 'crm-main-file',
    label: 'CRM export (CSV file)',
    hint: 'CSV, TSV or TXT up to 50 MB, in UTF-8 (Excel: Save As › CSV UTF-8).',
    errorTestId: 'crm-file-error',
  },
  lookup: {
    id: 'crm-lookup-file',
    label: 'Lookup table (CSV file)',
    hint: 'For example accounts.csv or products.csv: one row per key.',
    errorTestId: 'crm-lookup-error',
  },
};

interface DropZoneProps {
  /** The CRM export, or a lookup table. */
  kind: FileRole;
  busy: boolean;
  /** The problem reading the last file, if any. */
  error: string | undefined;
  onFile(file: File): void;
  /** A drop that holds no single file. */
  onProblem(message: string): void;
}

export function DropZone({ kind, busy, error, onFile, onProblem }: DropZoneProps) {
  const { id, label, hint, errorTestId } = FILES[kind];
  const hintId = `${id}-hint`;
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.stopPropagation();
    setOver(false);
    if (busy) return;
    const files = event.dataTransfer.files;
    const file = files[0];
    if (!file) {
      onProblem('That was not a file: drop a CSV file from your computer.');
      return;
    }
    if (files.length > 1) {
      onProblem(`Drop one file at a time (you dropped ${files.length}).`);
      return;
    }
    onFile(file);
  };
  return (
    <>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut; the file input inside is the keyboard way */}
      <div
        className={`crm-drop${over ? ' over' : ''}${busy ? ' busy' : ''}`}
        data-testid={`${id}-zone`}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p className="crm-drop-title" aria-hidden="true">
          Drop a CSV file here, or choose one:
        </p>
        <label htmlFor={id} className="crm-drop-label">
          {label}
        </label>
        <input
          id={id}
          type="file"
          accept=".csv,.tsv,.txt,.tab,text/csv,text/plain,text/tab-separated-values"
          disabled={busy}
          aria-describedby={hintId}
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Clear it, so choosing the same file again reads it again.
            event.target.value = '';
            if (file) onFile(file);
          }}
        />
        <p className="hint" id={hintId}>
          {hint}
        </p>
      </div>
      {error ? (
        <p className="crm-error" role="alert" data-testid={errorTestId}>
          {error}
        </p>
      ) : null}
    </>
  );
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${number(bytes / 1024, 0)} KB` : `${number(bytes / 1048576, 1)} MB`;
}

interface ProgressProps {
  fileName: string;
  progress: ParseProgress;
  onCancel(): void;
}

/** Bytes read and rows parsed so far, with a Cancel button. */
export function ParseProgressView({ fileName, progress, onCancel }: ProgressProps) {
  const { bytes, totalBytes, rows } = progress;
  return (
    <div className="crm-progress" data-testid="crm-progress">
      <label htmlFor="crm-progress-bar" className="crm-progress-label">
        Reading {fileName}
      </label>
      <div className="crm-progress-row">
        <progress id="crm-progress-bar" max={Math.max(1, totalBytes)} value={bytes} />
        <span className="crm-progress-text" role="status" aria-live="polite">
          {number(rows)} rows · {megabytes(bytes)} of {megabytes(totalBytes)}
        </span>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
