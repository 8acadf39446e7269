import type { Timestamp } from "@bufbuild/protobuf/wkt";
import { Role } from "../gen/gitopshq/org/v1/org_pb";

export function toDate(ts: Timestamp | undefined): Date | null {
  if (!ts) return null;
  return new Date(Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6));
}

export function formatTime(ts: Timestamp | undefined, empty = "—"): string {
  const date = toDate(ts);
  return date ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : empty;
}

/** "3 minutes ago", "yesterday", or the date. */
export function relativeTime(ts: Timestamp | undefined, now = Date.now()): string {
  const date = toDate(ts);
  if (!date) return "—";
  const seconds = Math.round((now - date.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  if (Math.abs(seconds) < 60) return rtf.format(-seconds, "second");
  if (Math.abs(seconds) < 3600) return rtf.format(-Math.round(seconds / 60), "minute");
  if (Math.abs(seconds) < 86400) return rtf.format(-Math.round(seconds / 3600), "hour");
  if (Math.abs(seconds) < 30 * 86400) return rtf.format(-Math.round(seconds / 86400), "day");
  return date.toLocaleDateString();
}

export function roleName(role: Role | undefined): string {
  switch (role) {
    case Role.ADMIN:
      return "admin";
    case Role.EDITOR:
      return "editor";
    case Role.VIEWER:
      return "viewer";
    default:
      return "";
  }
}

export function shortCommit(commit: string): string {
  return commit.slice(0, 8);
}

export const sourceLabels: Record<string, string> = { ui: "UI", api: "API", "git-push": "git push", "oci-push": "OCI push", sync: "sync" };

/** A catalog's title from its kind's display name ("Helm chart" → "Helm charts"). */
export function catalogTitle(c: { displayName: string; kind: string } | undefined, fallback = ""): string {
  if (!c) return fallback;
  return c.displayName ? (c.displayName.endsWith("s") ? c.displayName : `${c.displayName}s`) : c.kind;
}
