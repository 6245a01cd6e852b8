/**
 * Writes the facts-only snapshot of Pax8's OpenAPI documents into `openapi/` (`pnpm openapi:snapshot`),
 * with its `SHA256SUMS`; with `--check`, writes nothing and exits 1 when the committed snapshot differs
 * from what the documents say. Reads `../shared/pax8-openapi/` by default; `--from <folder>` reads another.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  DIGEST_FILE,
  renderDigests,
  renderSnapshot,
  repositoryRoot,
  SNAPSHOT_FILES,
  SNAPSHOT_FOLDER,
  type SnapshotFile,
  SOURCE_FOLDER,
  snapshotPath,
  sourcePath,
  sourcesPresent,
} from './openapi/snapshot';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, from: { type: 'string', default: SOURCE_FOLDER } } });
const from = values.from;

if (!sourcesPresent(from)) {
  console.error(`The Pax8 OpenAPI documents are not in ${from}/ (expected ${SNAPSHOT_FILES.join(', ')}). Put them there, or pass --from <folder>.`);
  process.exit(2);
}

const readOr = (path: string): string => (existsSync(path) ? readFileSync(path, 'utf8') : '');
const texts = Object.fromEntries(SNAPSHOT_FILES.map((file) => [file, renderSnapshot(readFileSync(sourcePath(file, from), 'utf8'))])) as Record<SnapshotFile, string>;
const outputs: [string, string][] = [...SNAPSHOT_FILES.map((file): [string, string] => [file, texts[file]]), [DIGEST_FILE, renderDigests(texts)]];

let differs = 0;
for (const [name, next] of outputs) {
  const path = name === DIGEST_FILE ? `${repositoryRoot}${SNAPSHOT_FOLDER}/${DIGEST_FILE}` : snapshotPath(name as SnapshotFile);
  if (readOr(path) === next) {
    console.log(`${SNAPSHOT_FOLDER}/${name}: up to date`);
    continue;
  }
  differs += 1;
  if (values.check) console.error(`${SNAPSHOT_FOLDER}/${name}: differs from what ${from}/ says; run \`pnpm openapi:snapshot\` and commit the result`);
  else {
    writeFileSync(path, next);
    console.log(`${SNAPSHOT_FOLDER}/${name}: written`);
  }
}
if (values.check && differs > 0) process.exit(1);
