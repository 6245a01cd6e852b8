// @ts-check
/**
 * A typedoc plugin: names each entry point's module after the package it belongs to and the subpath
 * users import, `@pax8-sync/core` and `@pax8-sync/testing/conformance`, instead of typedoc's
 * path-based `core/src` and `testing/src/conformance` (the name comes from the nearest package.json);
 * and names each project document (getting started, concepts, guides...) by its first heading
 * instead of its path.
 */
import { Converter, ReflectionKind } from 'typedoc';

/** The import specifier of a package's source file: `src/index.ts` is the package, `src/x/index.ts` is `<package>/x`. */
/** @param {string} packageName @param {string} packagePath @returns {string} */
export function moduleName(packageName, packagePath) {
  const subpath = packagePath
    .replace(/^src\//, '')
    .replace(/(^|\/)index\.ts$/, '')
    .replace(/\.ts$/, '');
  return subpath === '' ? packageName : `${packageName}/${subpath}`;
}

/** The text of a Markdown document's first `# heading`, or `undefined`. */
/** @param {string} markdown @returns {string | undefined} */
export function firstHeading(markdown) {
  return /^#\s+(.+?)\s*$/m.exec(markdown)?.[1];
}

/** Called by typedoc with its application. @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const id = context.project.getSymbolIdFromReflection(reflection);
    if (id) reflection.name = moduleName(id.packageName, id.packagePath);
  });
  app.converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, document) => {
    const heading = firstHeading(document.content.map((part) => part.text).join(''));
    if (heading) document.name = heading;
  });
}
