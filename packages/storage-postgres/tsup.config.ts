import { packageBuild } from '../../tsup.shared';

// `shims` gives the CJS build a working `import.meta.url`, which locates the shipped migrations/ folder.
export default { ...packageBuild(), shims: true };
