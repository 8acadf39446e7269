import { describe, expect, it } from "vitest";
import { chartVersion, compareVersions, highestVersion, isVersion, parseVersion, suggestVersions, withChartVersion } from "./versions";

describe("suggestVersions", () => {
  it("bumps the highest published version, not the most recent", () => {
    expect(suggestVersions(["1.4.0", "2.0.1", "1.10.3"])).toEqual({ patch: "2.0.2", minor: "2.1.0", major: "3.0.0" });
  });
  it("orders numerically, not as text", () => {
    expect(highestVersion(["1.9.0", "1.10.0", "1.2.0"])).toBe("1.10.0");
  });
  it("releases a prerelease at the level it prepares", () => {
    expect(suggestVersions(["1.3.0-rc.1"])).toEqual({ patch: "1.3.0", minor: "1.3.0", major: "2.0.0" });
    expect(suggestVersions(["2.0.0-beta.2"])).toEqual({ patch: "2.0.0", minor: "2.0.0", major: "2.0.0" });
    expect(suggestVersions(["1.3.2-rc.1"])).toEqual({ patch: "1.3.2", minor: "1.4.0", major: "2.0.0" });
  });
  it("ranks a release above its prereleases", () => {
    expect(highestVersion(["1.0.0-rc.2", "1.0.0", "1.0.0-rc.10"])).toBe("1.0.0");
    expect(highestVersion(["1.0.0-rc.2", "1.0.0-rc.10"])).toBe("1.0.0-rc.10");
    expect(compareVersions(parseVersion("1.0.0-alpha")!, parseVersion("1.0.0-alpha.1")!)).toBeLessThan(0);
    expect(compareVersions(parseVersion("1.0.0-alpha.beta")!, parseVersion("1.0.0-beta")!)).toBeLessThan(0);
  });
  it("starts from the chart's own version when nothing is published", () => {
    expect(suggestVersions([], "0.3.0")).toEqual({ patch: "0.3.0", minor: "0.4.0", major: "1.0.0" });
    expect(suggestVersions([])).toEqual({ patch: "0.1.0", minor: "0.2.0", major: "1.0.0" });
    expect(suggestVersions(["not-semver"], "garbage")).toEqual({ patch: "0.1.0", minor: "0.2.0", major: "1.0.0" });
  });
  it("ignores build metadata for the next version", () => {
    expect(suggestVersions(["1.2.3+build.7"]).patch).toBe("1.2.4");
  });
});

describe("parseVersion", () => {
  it("accepts SemVer 2.0 and refuses the rest", () => {
    expect(isVersion("1.2.3-rc.1+sha.5")).toBe(true);
    for (const bad of ["1.2", "01.2.3", "1.2.3-01", "1.2.3-", "v1.2.3", "1.2.3.4", ""]) expect(isVersion(bad), bad).toBe(false);
  });
});

describe("Chart.yaml version", () => {
  const chart = "apiVersion: v2\nname: web\n# the chart's version\nversion: \"0.1.0\" # bumped on publish\nappVersion: 1.16.0\ndependencies:\n  - name: lib\n    version: 1.0.0\n";
  it("reads the top-level version only", () => {
    expect(chartVersion(chart)).toBe("0.1.0");
    expect(chartVersion("name: x\ndependencies:\n  - version: 1.0.0\n")).toBeNull();
  });
  it("sets it in place, keeping quotes, comments and nested versions", () => {
    const next = withChartVersion(chart, "1.2.0");
    expect(next).toBe(chart.replace('version: "0.1.0"', 'version: "1.2.0"'));
    expect(next).toContain("    version: 1.0.0");
  });
  it("adds it when missing", () => {
    expect(withChartVersion("apiVersion: v2\nname: web", "1.0.0")).toBe("apiVersion: v2\nname: web\nversion: 1.0.0\n");
  });
});
