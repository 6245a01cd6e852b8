import { packageBuild } from '../../tsup.shared';

// `cli` is the `pax8-simulator` bin (package.json `bin`); tsup keeps its shebang and makes it executable.
export default packageBuild({ index: 'src/index.ts', conformance: 'src/conformance/index.ts', cli: 'src/cli.ts' });
