// `npm run package`: builds the bundles and packs the .vsix users install, then checks what went in:
// bundles, grammars, media, README with its images, changelog, licence and manifest only (no sources, tests, maps or
// node_modules), under 1.5 MB.
// Everything the extension runs is bundled by esbuild, hence --no-dependencies.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const VSIX_LIMIT_BYTES = 1.5 * 1024 * 1024;
// Sources of any kind (the grammars are generated from syntaxes/src/*.mjs), tests, samples, maps, caches.
const FORBIDDEN = [/^extension\/src\//, /^extension\/test\//, /^extension\/node_modules\//, /^extension\/samples\//, /^extension\/syntaxes\/src\//, /\.mjs$/, /\.map$/, /(?<!\.d)\.ts$/, /^extension\/\.cache\//];

/**
 * The package files a user's VS Code reads besides the bundles: the icon, every image the README shows (relative paths,
 * which VS Code's extension page resolves inside the installed extension), the walkthrough's media.
 */
export function shownFiles(manifest, readme) {
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((src) => !/^[a-z]+:/i.test(src));
  const media = (manifest.contributes?.walkthroughs ?? []).flatMap((w) => w.steps ?? []).flatMap((s) => {
    const m = s.media ?? {};
    return [m.markdown, m.svg, ...(typeof m.image === 'string' ? [m.image] : Object.values(m.image ?? {}))].filter(Boolean);
  });
  return [manifest.icon, ...images, ...media].filter(Boolean).map((p) => p.replace(/^\.\//, ''));
}

/**
 * Builds and packs into `out` (default: the repository, named as users expect); returns the .vsix path, its size and
 * entries. Throws with the reason when the package is wrong.
 */
export function packageVsix({ quiet = false, out = undefined } = {}) {
  const stdio = quiet ? 'pipe' : 'inherit';
  execFileSync(process.execPath, [join(repoRoot, 'build.mjs')], { cwd: repoRoot, stdio });
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const vsix = out ?? join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], {
    cwd: repoRoot,
    stdio,
  });
  const entries = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const size = statSync(vsix).size;
  const problems = [];
  const bad = entries.filter((e) => FORBIDDEN.some((re) => re.test(e)));
  if (bad.length) problems.push(`files that do not belong in the package: ${bad.join(', ')}`);
  // Every file the manifest points VS Code at must ship: the bundle, grammars, language configurations.
  const referenced = [
    manifest.main,
    ...(manifest.contributes?.grammars ?? []).map((g) => g.path),
    ...(manifest.contributes?.languages ?? []).map((l) => l.configuration).filter(Boolean),
  ].map((p) => `extension/${p.replace(/^\.\//, '')}`);
  const shown = shownFiles(manifest, readFileSync(join(repoRoot, 'README.md'), 'utf8')).map((p) => `extension/${p}`);
  const required = ['extension/package.json', 'extension/package.nls.json', 'extension/README.md', 'extension/CHANGELOG.md', 'extension/LICENSE.txt', ...referenced, ...shown];
  for (const must of required) {
    if (!entries.some((e) => e.toLowerCase() === must.toLowerCase())) problems.push(`missing ${must}`);
  }
  if (size >= VSIX_LIMIT_BYTES) problems.push(`${size} bytes, over the ${VSIX_LIMIT_BYTES} byte limit`);
  if (problems.length) throw new Error(`${vsix}: ${problems.join('; ')}`);
  return { vsix, size, entries };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { vsix, size, entries } = packageVsix();
    console.log(`${vsix}: ${(size / 1024).toFixed(1)} KiB, ${entries.length} files`);
    for (const e of entries) console.log(`  ${e}`);
  } catch (e) {
    console.error(String(e?.message ?? e));
    process.exit(1);
  }
}
