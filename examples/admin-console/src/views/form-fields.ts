import { attr, h, type Html } from './html';

/** Options of {@link textField}. */
export interface TextFieldOptions {
  /** The input's `name` and `id`. */
  name: string;
  /** The visible label. */
  label: string;
  /** The current value. */
  value: string;
  /** The error to show beside the field, if any. */
  error?: string | undefined;
  /** A hint under the label. */
  hint?: string;
  /** `text` (default), `password`, `url` or `search`. */
  type?: 'text' | 'password' | 'url' | 'search';
  /** The `autocomplete` attribute; default `off`. */
  autocomplete?: string;
  /** Adds `placeholder`. */
  placeholder?: string;
}

const describedBy = (name: string, hint: boolean, error: boolean): string =>
  [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');

/** The sentence beside a field: its label, then the SDK's message (`Country must be a two-letter ...`). */
export function besideField(label: string, error: string | undefined): string | undefined {
  return error === undefined ? undefined : `${label} ${error}`;
}

/** The error line beside a field (its id is what the field's `aria-describedby` points to). */
export function fieldError(name: string, error: string | undefined): Html {
  return error === undefined ? h`` : h`<p class="field-error" id="${name}-error" data-field-error="${name}">${error}</p>`;
}

/** A labelled text input with its hint and its error beside it. */
export function textField(o: TextFieldOptions): Html {
  const ids = describedBy(o.name, o.hint !== undefined, o.error !== undefined);
  return h`<div class="field${o.error === undefined ? '' : ' invalid'}">
  <label for="${o.name}">${o.label}</label>
  ${o.hint === undefined ? '' : h`<p class="hint" id="${o.name}-hint">${o.hint}</p>`}
  <input id="${o.name}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value}" autocomplete="${o.autocomplete ?? 'off'}"${o.placeholder === undefined ? '' : h` placeholder="${o.placeholder}"`}${ids ? h` aria-describedby="${ids}"` : ''}${o.error === undefined ? '' : h` aria-invalid="true"`}>
  ${fieldError(o.name, besideField(o.label, o.error))}
</div>`;
}

/** Options of {@link selectField}. */
export interface SelectFieldOptions {
  /** The select's `name` and `id`. */
  name: string;
  /** The visible label. */
  label: string;
  /** The selected value. */
  value: string;
  /** The options, `[value, label]`. */
  options: readonly (readonly [string, string])[];
  /** The error beside the field, if any. */
  error?: string | undefined;
  /** A hint under the label. */
  hint?: string;
}

/** A labelled select with its hint and its error beside it. */
export function selectField(o: SelectFieldOptions): Html {
  const ids = describedBy(o.name, o.hint !== undefined, o.error !== undefined);
  return h`<div class="field${o.error === undefined ? '' : ' invalid'}">
  <label for="${o.name}">${o.label}</label>
  ${o.hint === undefined ? '' : h`<p class="hint" id="${o.name}-hint">${o.hint}</p>`}
  <select id="${o.name}" name="${o.name}"${ids ? h` aria-describedby="${ids}"` : ''}${o.error === undefined ? '' : h` aria-invalid="true"`}>
    ${o.options.map(([value, label]) => h`<option value="${value}"${attr('selected', value === o.value)}>${label}</option>`)}
  </select>
  ${fieldError(o.name, besideField(o.label, o.error))}
</div>`;
}

/** Options of {@link checkboxField}. */
export interface CheckboxFieldOptions {
  /** The checkbox's `name` and `id`. */
  name: string;
  /** The visible label. */
  label: string;
  /** Checked. */
  checked: boolean;
  /** Disabled (and so not posted). */
  disabled: boolean;
  /** The error beside the field, if any. */
  error?: string | undefined;
}

/** A labelled checkbox with its error beside it. */
export function checkboxField(o: CheckboxFieldOptions): Html {
  return h`<div class="check${o.error === undefined ? '' : ' invalid'}">
  <input type="checkbox" id="${o.name}" name="${o.name}"${attr('checked', o.checked)}${attr('disabled', o.disabled)}${o.error === undefined ? '' : h` aria-invalid="true" aria-describedby="${o.name}-error"`}>
  <label for="${o.name}">${o.label}</label>
  ${fieldError(o.name, besideField(o.label, o.error))}
</div>`;
}

/** The list of errors at the top of a form, each linking to its field. */
export function errorSummary(errors: Partial<Record<string, string>>, labels: Record<string, string>): Html {
  const entries = Object.entries(errors).filter((entry): entry is [string, string] => entry[1] !== undefined);
  if (entries.length === 0) return h``;
  return h`<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
  <h2>Nothing was saved: ${entries.length === 1 ? 'one field needs' : `${entries.length} fields need`} fixing</h2>
  <ul>${entries.map(([field, message]) => h`<li><a href="#${field}">${labels[field] ?? field}</a> ${message}</li>`)}</ul>
</div>`;
}
