/**
 * Which server ("node") each file of a collection came from. Finesse runs as a side A/B pair and
 * RTMT "Collect Files" or `file get activelog` put each server's files under a folder named
 * after its hostname or IP address, often with a collection timestamp folder below it:
 *
 *   finA/2026-01-05_10-00-00/desktop/logs/webservices/Desktop-webservices.log
 *   finB/2026-01-05_10-00-07/desktop/logs/webservices/Desktop-webservices.log
 *
 * When the same path (digits aside, so timestamps and rotation numbers may differ) appears under
 * two or more first-level folders of one container (an argument folder, a zip, a zip in a zip),
 * each of those first-level folders is a node, and every file below it belongs to that node. A
 * single folder wrapping everything (`incident-42/finA/…`, `incident-42/finB/…`) is looked through.
 */

/** A first-level folder named like a date or time is a collection's day, not a server. */
function mayBeNode(segment: string): boolean {
  if (segment === '' || segment === '.' || segment === '..') return false;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(segment)) return true; // an IPv4 address
  return !/^[\d\s_.:T+-]+$/.test(segment);
}

/** `finA.zip` (a node's files zipped on their own) stands for the node `finA`. */
function nodeName(segment: string): string {
  return segment.replace(/\.zip$/i, '');
}

function pathKey(segments: string[]): string {
  return segments.join('/').toLowerCase().replace(/\d+/g, '#');
}

/**
 * For paths (as segments) inside one container, the node of each, or undefined where the layout
 * does not say.
 */
export function nodesOfPaths(paths: readonly (readonly string[])[]): (string | undefined)[] {
  if (paths.length < 2) return paths.map(() => undefined);
  let depth = 0;
  while (paths.every((p) => p.length > depth + 1 && p[depth] === paths[0][depth])) depth++;
  const foldersOfKey = new Map<string, Set<string>>();
  for (const p of paths) {
    if (p.length < depth + 2 || !mayBeNode(p[depth])) continue;
    const key = pathKey(p.slice(depth + 1));
    let set = foldersOfKey.get(key);
    if (!set) foldersOfKey.set(key, (set = new Set()));
    set.add(nodeName(p[depth]));
  }
  const nodes = new Set<string>();
  for (const set of foldersOfKey.values()) if (set.size >= 2) for (const n of set) nodes.add(n);
  return paths.map((p) => {
    if (p.length < depth + 2 || !mayBeNode(p[depth])) return undefined;
    const n = nodeName(p[depth]);
    return nodes.has(n) ? n : undefined;
  });
}

/**
 * Files found while expanding one argument, each with its path inside every container it is in:
 * `levels[0]` inside the argument (folder or zip), `levels[1]` inside the zip that `levels[0]`
 * ends with, and so on. The innermost container whose layout names nodes decides.
 */
export function assignNodes(files: { levels: string[][]; node?: string }[]): void {
  const maxDepth = Math.max(0, ...files.map((f) => f.levels.length));
  for (let k = maxDepth - 1; k >= 0; k--) {
    const groups = new Map<string, { levels: string[][]; node?: string }[]>();
    for (const f of files) {
      if (f.levels.length <= k) continue;
      const key = JSON.stringify(f.levels.slice(0, k));
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(f);
    }
    for (const group of groups.values()) {
      const nodes = nodesOfPaths(group.map((f) => f.levels.slice(k).flat()));
      group.forEach((f, i) => {
        if (f.node === undefined && nodes[i] !== undefined) f.node = nodes[i];
      });
    }
  }
}
