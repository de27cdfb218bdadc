// Child of bench:huge (bundled by it): indexes one file as the Stanza Inspector does (readFileFragments →
// FragmentIndex rows) and prints rows, seconds and peak RSS as JSON on stdout.
import { FragmentIndex } from '../src/features/inspector/fragment-index.ts';
import { FileLines } from '../src/features/inspector/file-lines.ts';
import { readFileFragments } from '../src/features/inspector/file-source.ts';

const file = process.argv[2];
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const t0 = process.hrtime.bigint();
const index = new FragmentIndex(new FileLines(file));
for await (const f of (await readFileFragments(file)).fragments) index.add(f);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ rows: index.size, seconds, rss: peak / 1048576 }));
