// SemVer 2.0 as the catalog uses it for version suggestions: parse, compare, next patch/minor/major,
// and Chart.yaml's `version:` kept in step with the version being published.

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
  build: string;
}

const pattern =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function parseVersion(text: string): SemVer | null {
  const m = pattern.exec(text.trim());
  if (!m) return null;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4] ? m[4].split(".") : [],
    build: m[5] ?? "",
  };
}

export function isVersion(text: string): boolean {
  return parseVersion(text) !== null && !text.startsWith("v");
}

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a), bn = /^\d+$/.test(b);
  if (an && bn) return Number(a) - Number(b);
  if (an) return -1;
  if (bn) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Precedence as SemVer defines it (build metadata ignored). */
export function compareVersions(a: SemVer, b: SemVer): number {
  for (const key of ["major", "minor", "patch"] as const) if (a[key] !== b[key]) return a[key] - b[key];
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i], y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const c = compareIdentifiers(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

export function formatVersion(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch}${v.prerelease.length ? "-" + v.prerelease.join(".") : ""}${v.build ? "+" + v.build : ""}`;
}

/** The highest SemVer among `versions` (the rest ignored), or null. */
export function highestVersion(versions: readonly string[]): string | null {
  let best: { text: string; v: SemVer } | null = null;
  for (const text of versions) {
    const v = parseVersion(text);
    if (v && (!best || compareVersions(v, best.v) > 0)) best = { text, v };
  }
  return best?.text ?? null;
}

export interface Suggestions {
  patch: string;
  minor: string;
  major: string;
}

/**
 * The next patch, minor and major version after the highest published one. A prerelease is followed by
 * its release (1.3.0-rc.1 → 1.3.0 for the level it prepares), as `npm version` and Helm users expect.
 * With nothing published, the chart's own version (when it is SemVer and not published) comes first.
 */
export function suggestVersions(published: readonly string[], current?: string): Suggestions {
  const latestText = highestVersion(published);
  const latest = latestText ? parseVersion(latestText) : null;
  if (!latest) {
    const own = current ? parseVersion(current) : null;
    const start = own ? formatVersion({ ...own, build: "" }) : "0.1.0";
    return { patch: start, minor: own ? formatVersion(bump(own, "minor")) : "0.2.0", major: own ? formatVersion(bump(own, "major")) : "1.0.0" };
  }
  return {
    patch: formatVersion(bump(latest, "patch")),
    minor: formatVersion(bump(latest, "minor")),
    major: formatVersion(bump(latest, "major")),
  };
}

export function bump(v: SemVer, level: keyof Suggestions): SemVer {
  const pre = v.prerelease.length > 0;
  switch (level) {
    case "major":
      return pre && v.minor === 0 && v.patch === 0 ? release(v) : { major: v.major + 1, minor: 0, patch: 0, prerelease: [], build: "" };
    case "minor":
      return pre && v.patch === 0 ? release(v) : { major: v.major, minor: v.minor + 1, patch: 0, prerelease: [], build: "" };
    case "patch":
      return pre ? release(v) : { major: v.major, minor: v.minor, patch: v.patch + 1, prerelease: [], build: "" };
  }
}

function release(v: SemVer): SemVer {
  return { major: v.major, minor: v.minor, patch: v.patch, prerelease: [], build: "" };
}

const versionLine = /^(version:[ \t]*)(["']?)([^"'\s#]*)\2([ \t]*(?:#.*)?)$/m;

/** Chart.yaml's top-level `version:` value, or null. */
export function chartVersion(chartYaml: string): string | null {
  const m = versionLine.exec(chartYaml);
  return m ? (m[3] ?? null) : null;
}

/** Chart.yaml with its top-level `version:` set to `version`, everything else (comments, quoting) kept. */
export function withChartVersion(chartYaml: string, version: string): string {
  if (versionLine.test(chartYaml)) return chartYaml.replace(versionLine, (_all, key: string, quote: string, _old, rest: string) => `${key}${quote}${version}${quote}${rest}`);
  return chartYaml + (chartYaml.endsWith("\n") || chartYaml === "" ? "" : "\n") + `version: ${version}\n`;
}
