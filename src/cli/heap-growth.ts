import { setFlagsFromString } from 'node:v8';

/**
 * decode and scan keep a few MB whatever the input's size, but V8 lets the heap grow up to four
 * times between full collections on garbage that lived just long enough to be promoted: on a 1 GB
 * log that is 230 MB of RSS for 20 MB kept. Growing it at most twice holds a 1 GB scan under
 * 200 MB for about a tenth more time (bench:huge). The CLI is a process of its own, so the flag
 * touches nothing else; the extension host is never given it.
 */
export function boundHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=100');
}
