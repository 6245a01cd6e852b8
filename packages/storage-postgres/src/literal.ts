import { Pax8SyncError } from '@pax8-sync/core';

// Values written into SQL text, for the statements sent with BEGIN or COMMIT in one round trip (a
// simple query carries no parameters). Nothing of the value reaches the SQL but hex digits and
// digits, so no value can change the statement, whatever it holds and whatever the server settings.

/** A text value: its UTF-8 bytes in hex, decoded by the server. @internal */
export const textLiteral = (value: string): string => `convert_from(decode('${Buffer.from(value, 'utf8').toString('hex')}', 'hex'), 'UTF8')`;

/** A nullable text value. @internal */
export const nullableTextLiteral = (value: string | null | undefined): string => (value === null || value === undefined ? 'NULL::text' : textLiteral(value));

/** A `json` value from its text. @internal */
export const jsonLiteral = (value: unknown): string => `${textLiteral(JSON.stringify(value))}::json`;

/** A `text[]` value, element by element, in order. @internal */
export const textArrayLiteral = (values: readonly string[]): string => `ARRAY[${values.map(textLiteral).join(', ')}]::text[]`;

/** An integer (refused unless a safe integer). @internal */
export function integerLiteral(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Pax8SyncError('invalid-value', `Expected a safe integer, got ${String(value)}.`);
  return `${value}::bigint`;
}
