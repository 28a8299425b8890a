// What other workspace packages (lab tests, docs, e2e) use from the runner.
export * from './manifest.ts';
export * from './labs.ts';
export * from './compose-file.ts';
export * from './errors.ts';
export * from './checks/types.ts';
export * from './contract.ts';
export * from './query-grammar.ts';
export * from './interpolate.ts';
export { checkTypes, prepareChecks } from './checks/load.ts';
export * from './checks/retry.ts';
export { parsePs } from './health.ts';
