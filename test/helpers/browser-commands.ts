/**
 * Every Vitest browser command that starts real servers (run in Node), in one module: loaded by
 * vitest.config.ts once, with one tsImport. Two separate tsImports each loaded the test helpers
 * (and Vitest with them) a second time, and the second copy failed to find Vitest's state.
 */
export * from './export-screen-commands.js';
export * from './invitation-commands.js';
