export {
  describeInputError,
  expandInputs,
  formatBytes,
  IN_MEMORY_ZIP_BYTES,
  MAX_ENTRIES,
  MAX_MEMBER_BYTES,
  MAX_ZIP_DEPTH,
  type ExpandedInputs,
  type ExpandOptions,
  type InputFile,
  type InputLimits,
} from './expand';
export { nodesOfPaths } from './nodes';
