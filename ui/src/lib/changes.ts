// Pending edits of the working copy and the commit message derived from them.

export type PendingChange =
  | { kind: "write"; path: string; isNew: boolean }
  | { kind: "delete"; path: string }
  | { kind: "rename"; from: string; to: string };

/** "Update values.yaml", "Add templates/cm.yaml", "Rename a.yaml to b.yaml", "Update values.yaml and 2 more files". */
export function defaultCommitMessage(changes: readonly PendingChange[]): string {
  if (changes.length === 0) return "Update";
  const describe = (c: PendingChange) =>
    c.kind === "write" ? `${c.isNew ? "Add" : "Update"} ${c.path}` : c.kind === "delete" ? `Delete ${c.path}` : `Rename ${c.from} to ${c.to}`;
  const first = describe(changes[0]!);
  if (changes.length === 1) return first;
  if (changes.length === 2) return `${first} and ${describe(changes[1]!).replace(/^\w/, (c) => c.toLowerCase())}`;
  return `${first} and ${changes.length - 1} more files`;
}

/** Files under a folder path (for folder rename and delete in the file tree). */
export function filesUnder(paths: readonly string[], folder: string): string[] {
  const prefix = folder.endsWith("/") ? folder : folder + "/";
  return paths.filter((p) => p.startsWith(prefix));
}
