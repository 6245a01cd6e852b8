/** A JSON value, as storage keeps it (adapters may store it as `jsonb`). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object: the shape of every `data`, `checkpoint` and snapshot field in the contract. */
export type JsonObject = { [key: string]: JsonValue };
