import type { Application } from 'typedoc';

/** The import specifier of a package's source file: `src/index.ts` is the package, `src/x/index.ts` is `<package>/x`. */
export function moduleName(packageName: string, packagePath: string): string;
/** The text of a Markdown document's first `# heading`, or `undefined`. */
export function firstHeading(markdown: string): string | undefined;
/** Called by typedoc with its application. */
export function load(app: Application): void;
