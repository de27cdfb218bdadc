// `npm run package`: builds the bundles and packs the .vsix users install, then checks what went in:
// bundles, grammars, media, README with its screenshots inline, changelog, licence and manifest only (no sources, tests, maps or
// node_modules), under 1 MB.
// Everything the extension runs is bundled by esbuild, hence --no-dependencies.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const VSIX_LIMIT_BYTES = 1024 * 1024;
// Sources of any kind (the grammars are generated from syntaxes/src/*.mjs), tests, samples, maps, caches.
const FORBIDDEN = [/^extension\/src\//, /^extension\/test\//, /^extension\/node_modules\//, /^extension\/samples\//, /^extension\/syntaxes\/src\//, /\.mjs$/, /\.map$/, /(?<!\.d)\.ts$/, /^extension\/\.cache\//];

const README_IMAGE = /(!\[[^\]]*\]\()([^)\s]+)(\))/g;

/** The package files a user's VS Code reads besides the bundles: the icon and the walkthrough's media. */
export function shownFiles(manifest) {
  const media = (manifest.contributes?.walkthroughs ?? []).flatMap((w) => w.steps ?? []).flatMap((s) => {
    const m = s.media ?? {};
    return [m.markdown, m.svg, ...(typeof m.image === 'string' ? [m.image] : Object.values(m.image ?? {}))].filter(Boolean);
  });
  return [manifest.icon, ...media].filter(Boolean).map((p) => p.replace(/^\.\//, ''));
}

/**
 * The README as the package carries it: each screenshot inline as a PNG data URL. VS Code's extension page draws the
 * README in a webview that admits only https: and data: images and resolves no relative path, and without a
 * repository there is no https address to point at; the README in the sources keeps its docs/*.png paths.
 */
export function packagedReadme(text) {
  return text.replace(README_IMAGE, (all, open, src, close) => {
    if (/^[a-z]+:/i.test(src)) return all;
    const png = readFileSync(join(repoRoot, src));
    if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error(`README image ${src} is not a PNG`);
    return `${open}data:image/png;base64,${png.toString('base64')}${close}`;
  });
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
  // vsce takes the README from inside the repository; a folder of this run's own, as several runs may pack at once.
  mkdirSync(join(repoRoot, '.cache'), { recursive: true });
  const readmeDir = mkdtempSync(join(repoRoot, '.cache', 'vsix-readme-'));
  try {
    writeFileSync(join(readmeDir, 'README.md'), packagedReadme(readFileSync(join(repoRoot, 'README.md'), 'utf8')));
    const readmePath = relative(repoRoot, join(readmeDir, 'README.md')).split(sep).join('/');
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--readme-path', readmePath, '--out', vsix], {
      cwd: repoRoot,
      stdio,
    });
  } finally {
    rmSync(readmeDir, { recursive: true, force: true });
  }
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
  const shown = shownFiles(manifest).map((p) => `extension/${p}`);
  // The French translation: VS Code reads the manifest's from package.nls.fr.json, the rest from the "l10n" folder.
  const required = ['extension/package.json', 'extension/package.nls.json', 'extension/package.nls.fr.json', 'extension/l10n/bundle.l10n.fr.json', 'extension/README.md', 'extension/CHANGELOG.md', 'extension/LICENSE.txt', ...referenced, ...shown];
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
