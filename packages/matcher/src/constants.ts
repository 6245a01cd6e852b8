/** The default similarity threshold of {@link quickMatch}: pairs scoring at least 0.4 are suggested. */
export const DEFAULT_MATCH_THRESHOLD = 0.4;
