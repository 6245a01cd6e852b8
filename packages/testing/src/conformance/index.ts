/**
 * The pax8-sync storage conformance suite. (Scaffold.)
 * @packageDocumentation
 */

/** Version of the storage specification this suite checks. */
export const conformanceSpecificationVersion = 'v1';
