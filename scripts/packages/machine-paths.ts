/**
 * What no file of the repository or of a published tarball may say: a path that exists only on some
 * machine. Written as patterns that do not match themselves. A URL's path (`https://host/home/`) is not
 * a machine path: the slash must not follow a word character, a dot, a colon or a dash.
 */
export const MACHINE_PATHS: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /(?<![\w.:-])\/(?:work|home|Users|root|mnt|srv|opt|tmp)\/[\w.-]/, why: 'an absolute path of some machine' },
  { pattern: /(?<![\w-])[A-Z]:\\\\?[A-Za-z]/, why: 'a Windows absolute path' },
  { pattern: /(?<![\w./-])notes\/[\w.-]/, why: 'a notes/ folder the repository does not have' },
];

/** Why a line names a machine's path (empty when it names none). */
export function machinePathsIn(line: string): string[] {
  return MACHINE_PATHS.filter(({ pattern }) => pattern.test(line)).map(({ why }) => why);
}

/** Every line of `text` that names a machine's path, as `<label>:<line>: <why>: <the line>`. */
export function machinePathLines(label: string, text: string, extra: ReadonlyArray<{ pattern: RegExp; why: string }> = []): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    for (const { pattern, why } of [...MACHINE_PATHS, ...extra]) if (pattern.test(line)) found.push(`${label}:${index + 1}: ${why}: ${line.trim().slice(0, 160)}`);
  });
  return found;
}
