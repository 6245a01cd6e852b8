#!/usr/bin/env node
// The `pax8-simulator` bin. It lives outside dist/ so that a workspace install links it before the
// first build; the simulator itself is the built dist/cli.js.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('pax8-simulator: @pax8-sync/testing is not built (dist/cli.js is missing). In the pax8-sync repository run `pnpm build` first, or `pnpm simulator -- --port 4010`.\n');
  process.exit(1);
}
await import(cli.href);
