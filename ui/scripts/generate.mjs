// Generates the TypeScript messages and service descriptors of the server's contract (../protos)
// with protoc-gen-es, through buf. The google.api HTTP annotations the protos import come from
// the google-proto-files package; the annotations are generated beside them.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ui = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const work = join(ui, ".proto-gen");
const googleApi = join(ui, "node_modules", "google-proto-files", "google", "api");

rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, "google", "api"), { recursive: true });
cpSync(join(ui, "..", "protos", "gitopshq"), join(work, "gitopshq"), { recursive: true });
for (const file of ["annotations.proto", "http.proto"]) cpSync(join(googleApi, file), join(work, "google", "api", file));
writeFileSync(join(work, "buf.yaml"), "version: v2\n");
rmSync(join(ui, "src", "gen"), { recursive: true, force: true });

const bin = join(ui, "node_modules", ".bin");
execFileSync(join(bin, "buf"), ["generate", work, "--template", join(ui, "buf.gen.yaml")], {
  cwd: ui,
  stdio: "inherit",
  env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
});
rmSync(work, { recursive: true, force: true });
