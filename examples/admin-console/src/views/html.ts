import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** A piece of HTML whose interpolated values were escaped. */
export type Html = HtmlEscapedString;

/**
 * The `html` tag of `hono/html`, synchronous: every interpolated string is escaped, nested `Html`
 * is kept, arrays are joined and `false`/`null`/`undefined` render nothing. The views never
 * interpolate promises, so the result is never a promise.
 */
export function h(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return html(strings, ...values) as Html;
}

/** `selected`, `checked` or `disabled` when `on`, else nothing. */
export function attr(name: 'selected' | 'checked' | 'disabled' | 'required', on: boolean): Html {
  return on ? h` ${name}` : h``;
}
