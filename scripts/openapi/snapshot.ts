import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type JsonObject, openApiFacts } from './facts-only';

/** The Pax8 OpenAPI documents the snapshot holds, by file name (the same in the source folder and in `openapi/`). */
export const SNAPSHOT_FILES = ['authentication.json', 'partner-endpoints.json', 'webhooks-api.json'] as const;

/** One of {@link SNAPSHOT_FILES}. */
export type SnapshotFile = (typeof SNAPSHOT_FILES)[number];

/** The repository's root folder (absolute, with a trailing slash). */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where the facts-only snapshot is kept, relative to the repository root. */
export const SNAPSHOT_FOLDER = 'openapi';

/** Where Pax8's published documents are read from when present, relative to the repository root. */
export const SOURCE_FOLDER = '../shared/pax8-openapi';

/** Absolute path of a file of the snapshot. */
export function snapshotPath(file: SnapshotFile): string {
  return `${repositoryRoot}${SNAPSHOT_FOLDER}/${file}`;
}

/** Absolute path of a source document (it may be absent: a clone has nothing beside it). */
export function sourcePath(file: SnapshotFile, folder: string = SOURCE_FOLDER): string {
  return folder.startsWith('/') ? `${folder}/${file}` : `${repositoryRoot}${folder}/${file}`;
}

/** Whether every source document is present beside the repository. */
export function sourcesPresent(folder: string = SOURCE_FOLDER): boolean {
  return SNAPSHOT_FILES.every((file) => existsSync(sourcePath(file, folder)));
}

/** The snapshot file's text for a source document's text: its facts, two-space JSON, one final newline. */
export function renderSnapshot(sourceText: string): string {
  return `${JSON.stringify(openApiFacts(JSON.parse(sourceText)), null, 2)}\n`;
}

/** Reads one document of the committed snapshot. */
export function readSnapshot(file: SnapshotFile): JsonObject {
  const path = snapshotPath(file);
  if (!existsSync(path)) {
    throw new Error(`${SNAPSHOT_FOLDER}/${file} is missing from the repository: restore it with git, or regenerate it with \`pnpm openapi:snapshot\` (see ${SNAPSHOT_FOLDER}/README.md).`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
}

/** The digest file the generator writes beside the snapshot, in `sha256sum` format (`sha256sum -c SHA256SUMS` checks it). */
export const DIGEST_FILE = 'SHA256SUMS';

/** The `SHA256SUMS` text for the snapshot files' texts, in {@link SNAPSHOT_FILES} order. */
export function renderDigests(texts: Record<SnapshotFile, string>): string {
  return SNAPSHOT_FILES.map((file) => `${createHash('sha256').update(texts[file]).digest('hex')}  ${file}\n`).join('');
}
