// What other workspace packages (lab tests, docs, e2e) use from the runner.

export { staleBuildTags } from './build-tag.ts';
export { describeError } from './checks/cause.ts';
export { getJson } from './checks/json.ts';
export { checkTypes, prepareChecks } from './checks/load.ts';
export * from './checks/retry.ts';
export * from './checks/types.ts';
export * from './compose-file.ts';
export { type ContainerState, type LivePorts, livePorts, parsePs } from './containers.ts';
export * from './contract.ts';
export * from './errors.ts';
export * from './interpolate.ts';
export { DEFAULT_KIT, REPO_BUNDLE } from './kit.ts';
export { pinnedRepositories } from './lab-images.ts';
export * from './labs.ts';
export * from './manifest.ts';
export * from './query-grammar.ts';
export { composeFilesFor, savedSelection, select, variantOf } from './selection.ts';
export { tempDir } from './temp-dir.ts';
export { basicAuth, namedUrl, type OpenUrl, openUrl, urlTable } from './urls.ts';
