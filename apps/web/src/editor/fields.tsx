/**
 * Labelled inputs bound to a draft path. Each shows its validation messages beside it
 * (aria-invalid + aria-describedby), so a screen reader hears the problem with the field.
 */
import { paramAt, unitScale } from '@sweetspot/scenario';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { currencySymbol } from '../format.ts';
import { getIn } from './draft.ts';
import { useEditor } from './EditorContext.tsx';
import { displayNumber, sameValue, valueFromText } from './numberText.ts';
import { errorId, fieldId, type PathKey, pathString } from './paths.ts';

export function FieldError({ path, messages }: { path: string; messages: string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <p className="field-error" id={errorId(path)}>
      {messages.join('; ')}
    </p>
  );
}

/** A field's frame: its label (unless the control names itself), the control, hint and errors. */
function LabelledField(props: {
  id: string;
  path: string;
  label: ReactNode;
  /** The control is named by aria-label instead (table cells). */
  hideLabel?: boolean;
  hint: ReactNode;
  hintId: string | undefined;
  messages: string[] | undefined;
  className?: string | undefined;
  children: ReactNode;
}) {
  const extra = props.className ? ` ${props.className}` : '';
  return (
    <div className={`field${props.messages ? ' has-error' : ''}${extra}`}>
      {props.hideLabel ? null : <label htmlFor={props.id}>{props.label}</label>}
      {props.children}
      {props.hint ? (
        <p className="hint" id={props.hintId}>
          {props.hint}
        </p>
      ) : null}
      <FieldError path={props.path} messages={props.messages} />
    </div>
  );
}

/**
 * How the parameter catalogue shows the number at a path: its label ("Deal size, P90"), the unit
 * beside it, the currency before money and the scale (100 for percentages).
 */
export function paramDisplay(path: string, currency: string) {
  const match = paramAt(path);
  if (!match) return undefined;
  const { param, part } = match;
  return {
    label: part ? `${param.label}, ${part === 'p90' ? 'P90' : 'median'}` : param.label,
    unit: param.suffix,
    prefix: param.unit === 'money' ? currencySymbol(currency) : undefined,
    scale: unitScale(param.unit),
    /** An empty field that validation fills in shows what it will be. */
    placeholder: param.default === undefined ? undefined : `${param.default} (default)`,
  };
}

interface NumberTextOptions {
  path: readonly PathKey[];
  /** 100 for percentages (stored 0–1, shown 0–100); by default the catalogue's. */
  scale?: number;
  /** Stores the value some other way than at `path` (fields whose removal tidies their parent). */
  write?: (value: number | undefined) => void;
}

/**
 * Keeps what the person typed while the stored value follows; resyncs on outside changes. Empty
 * text removes the field: optional ones are unset, required ones reported as required.
 */
function useNumberText({ path, scale = 1, write }: NumberTextOptions) {
  const { draft, set } = useEditor();
  const value = getIn(draft, path);
  const [text, setText] = useState(() => displayNumber(value, scale));
  const emitted = useRef<unknown>(value);
  useEffect(() => {
    if (!sameValue(value, emitted.current)) {
      emitted.current = value;
      setText(displayNumber(value, scale));
    }
  }, [value, scale]);
  const onChange = (next: string) => {
    setText(next);
    const stored = valueFromText(next, scale);
    emitted.current = stored;
    if (write) write(stored);
    else set(path, stored);
  };
  return { text, onChange };
}

/** A field's path as text, its element id, its messages and the id of its hint (if any). */
function useFieldIds(path: readonly PathKey[], hint?: ReactNode) {
  const { errors } = useEditor();
  const p = pathString(path);
  const id = fieldId(p);
  return { p, id, messages: errors.get(p), hintId: hint ? `${id}-hint` : undefined };
}

function describedBy(path: string, messages: string[] | undefined, hintId?: string) {
  const ids = [hintId, messages?.length ? errorId(path) : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A unit or currency sign beside an input (read with the label, so hidden from screen readers). */
function Affix({ text }: { text: string }) {
  return (
    <span className="affix" aria-hidden="true">
      {text}
    </span>
  );
}

/** The text input of a number, with what goes before it ("$") and after it ("%"), if anything. */
function NumberInput(props: {
  id: string;
  ariaLabel?: string;
  text: string;
  placeholder: string | undefined;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (text: string) => void;
  prefix?: string | undefined;
  unit?: string | undefined;
}) {
  return (
    <div className="input-affix">
      {props.prefix !== undefined ? <Affix text={props.prefix} /> : null}
      <input
        id={props.id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        aria-label={props.ariaLabel}
        value={props.text}
        placeholder={props.placeholder}
        aria-invalid={props.invalid ? true : undefined}
        aria-describedby={props.describedBy}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.unit !== undefined ? <Affix text={props.unit} /> : null}
    </div>
  );
}

interface NumberFieldProps extends NumberTextOptions {
  /** By default the catalogue's label (packages/scenario, parameters.ts). */
  label?: ReactNode;
  /** Shown after the input ("h / week", "%"); by default the catalogue's. */
  unit?: string;
  /** Shown before the input ("$"); by default the currency for money. */
  prefix?: string;
  hint?: ReactNode;
  placeholder?: string;
}

/** A number with its label above, an optional unit, hint and error message. */
export function NumberField({ hint, placeholder, ...props }: NumberFieldProps) {
  const { currency } = useEditor();
  const { p: path, id, messages, hintId } = useFieldIds(props.path, hint);
  const shown = paramDisplay(path, currency);
  const label = props.label ?? shown?.label ?? path;
  const unit = props.unit ?? shown?.unit;
  const prefix = props.prefix ?? shown?.prefix;
  const { text, onChange } = useNumberText({
    path: props.path,
    scale: props.scale ?? shown?.scale,
    write: props.write,
  });
  return (
    <LabelledField {...{ id, path, label, hint, hintId, messages }}>
      <NumberInput
        id={id}
        text={text}
        placeholder={placeholder ?? shown?.placeholder}
        invalid={Boolean(messages)}
        describedBy={describedBy(path, messages, hintId)}
        onChange={onChange}
        prefix={prefix || undefined}
        unit={unit || undefined}
      />
    </LabelledField>
  );
}

interface NumberCellProps extends NumberTextOptions {
  /** Accessible name: the row and column headers in words ("Out of profile: win rate"). */
  label: string;
  unit?: string;
  placeholder?: string;
}

/** A number in a table cell (named by aria-label), with its error below. */
export function NumberCell({ label, unit, placeholder, ...options }: NumberCellProps) {
  const { errors } = useEditor();
  const path = pathString(options.path);
  const id = fieldId(path);
  const messages = errors.get(path);
  const { text, onChange } = useNumberText(options);
  return (
    <div className={`cell-field${messages ? ' has-error' : ''}`}>
      <NumberInput
        id={id}
        ariaLabel={label}
        text={text}
        placeholder={placeholder}
        invalid={Boolean(messages)}
        describedBy={describedBy(path, messages)}
        onChange={onChange}
        unit={unit}
      />
      <FieldError path={path} messages={messages} />
    </div>
  );
}

interface TextFieldProps {
  path: readonly PathKey[];
  label: ReactNode;
  /** Hide the visible label and name the input with this instead (table headers). */
  ariaLabel?: string;
  hint?: ReactNode;
  maxLength?: number;
  className?: string;
  transform?: (text: string) => string;
}

export function TextField({
  path,
  label,
  ariaLabel,
  hint,
  maxLength,
  className,
  transform,
}: TextFieldProps) {
  const { draft, set } = useEditor();
  const { p, id, messages, hintId } = useFieldIds(path, hint);
  const value = getIn(draft, path);
  return (
    <LabelledField
      {...{ id, path: p, label, hint, hintId, messages, className }}
      hideLabel={Boolean(ariaLabel)}
    >
      <input
        id={id}
        type="text"
        autoComplete="off"
        value={typeof value === 'string' ? value : ''}
        maxLength={maxLength}
        aria-label={ariaLabel}
        aria-invalid={messages ? true : undefined}
        aria-describedby={describedBy(p, messages, hintId)}
        onChange={(e) => set(path, transform ? transform(e.target.value) : e.target.value)}
      />
    </LabelledField>
  );
}

interface SelectFieldProps {
  /** Path whose errors this select shows (and whose id it takes). */
  path: readonly PathKey[];
  label: ReactNode;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onChange: (value: string) => void;
  hint?: ReactNode;
}

export function SelectField({ path, label, value, options, onChange, hint }: SelectFieldProps) {
  const { p, id, messages, hintId } = useFieldIds(path, hint);
  return (
    <LabelledField {...{ id, path: p, label, hint, hintId, messages }}>
      <select
        id={id}
        value={value}
        aria-invalid={messages ? true : undefined}
        aria-describedby={describedBy(p, messages, hintId)}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

interface CheckboxFieldProps {
  path: readonly PathKey[];
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Element id when the path already has one (a second checkbox on the same path). */
  id?: string;
  showErrors?: boolean;
}

export function CheckboxField({
  path,
  label,
  checked,
  onChange,
  id,
  showErrors = true,
}: CheckboxFieldProps) {
  const { errors } = useEditor();
  const p = pathString(path);
  const messages = showErrors ? errors.get(p) : undefined;
  const inputId = id ?? fieldId(p);
  return (
    <div className={`check${messages ? ' has-error' : ''}`}>
      <input
        id={inputId}
        type="checkbox"
        checked={checked}
        aria-invalid={messages ? true : undefined}
        aria-describedby={describedBy(p, messages)}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={inputId}>{label}</label>
      <FieldError path={p} messages={messages} />
    </div>
  );
}
