export { ElementPathError, MAX_PATH_CHARS, MAX_PATH_STEPS, parseElementPath, type ElementPath, type PathStep } from './element-path';
export { matchesPath } from './element-match';
