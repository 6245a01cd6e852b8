import { z } from 'zod';

/**
 * Builds the schema of an enum field. Lenient models accept any string (Pax8 adds values over
 * time); strict models accept only the listed values.
 */
export type Pax8EnumFactory = <const T extends readonly [string, ...string[]]>(values: T) => z.ZodType<T[number] | (string & {})>;

/** Lenient: any string passes (unknown values are reported separately as drift). @internal */
export const openEnum: Pax8EnumFactory = <const T extends readonly [string, ...string[]]>(_values: T) =>
  z.string() as unknown as z.ZodType<T[number] | (string & {})>;

/** Strict: only the listed values pass. @internal */
export const closedEnum: Pax8EnumFactory = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values as unknown as [string, ...string[]]) as unknown as z.ZodType<T[number] | (string & {})>;

/** A lenient and a strict version of one schema, built from one definition. */
export interface Pax8Model<S extends z.ZodType> {
  /** Name used in errors and drift reports, e.g. `subscription`. */
  readonly name: string;
  /** Accepts unknown enum values (the default validation mode). */
  readonly lenient: S;
  /** Rejects unknown enum values. */
  readonly strict: z.ZodType;
  /** The definition, for nesting this model inside another. */
  readonly build: (enumOf: Pax8EnumFactory) => S;
}

/** Builds a {@link Pax8Model} from a definition that takes the enum factory. @internal */
export function defineModel<S extends z.ZodType>(name: string, build: (enumOf: Pax8EnumFactory) => S): Pax8Model<S> {
  return { name, lenient: build(openEnum), strict: build(closedEnum), build };
}

/** A date or timestamp as Pax8 sends it: `2020-12-03`, `...Z` or `2023-08-11T11:33:12.314-0600`. Kept as text. */
export const pax8DateSchema = z.string();
