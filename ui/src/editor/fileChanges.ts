// The changes of one commit (CommitChanges), built in one place.
import { create } from "@bufbuild/protobuf";
import { FileChangeSchema, type FileChange } from "../gen/gitopshq/catalog/v1/catalog_pb";

export function writeChange(path: string, text: string): FileChange {
  return create(FileChangeSchema, { change: { case: "write", value: { path, body: { case: "text", value: text } } } });
}

export function renameChange(from: string, to: string): FileChange {
  return create(FileChangeSchema, { change: { case: "rename", value: { from, to } } });
}

export function deleteChange(path: string): FileChange {
  return create(FileChangeSchema, { change: { case: "delete", value: { path } } });
}
