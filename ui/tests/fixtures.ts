// Each test worker starts its own server (the built GitOpsHQ.Server.dll) on a free port with a temporary
// data folder, and signs in through the real sign-in page.
import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const serverDll = join(repo, "src", "Server", "bin", "Release", "net10.0", "GitOpsHQ.Server.dll");

export interface Server {
  url: string;
  data: string;
  adminToken: string;
  adminPassword: string;
  /** A REST call with the admin's token. */
  api: (method: string, path: string, body?: unknown, token?: string) => Promise<{ status: number; json: any }>;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

async function startServer(): Promise<{ server: Server; stop: () => Promise<void> }> {
  if (!existsSync(serverDll)) throw new Error(`${serverDll} is missing: build the server first (scripts/test.sh does)`);
  const data = mkdtempSync(join(tmpdir(), "gitopshq-ui-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn("dotnet", [serverDll, "--data", data, "--urls", url], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DOTNET_NOLOGO: "1" } });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok && existsSync(join(data, "admin-password"))) break;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > deadline) throw new Error(`the server did not start within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const adminToken = readFileSync(join(data, "admin-token"), "utf8").trim();
  const adminPassword = readFileSync(join(data, "admin-password"), "utf8").trim();
  const api: Server["api"] = async (method, path, body, token = adminToken) => {
    const r = await fetch(url + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: r.status, json };
  };
  return {
    server: { url, data, adminToken, adminPassword, api },
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
      rmSync(data, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ signedIn: Page }, { server: Server }>({
  server: [
    async ({}, use) => {
      const { server, stop } = await startServer();
      await use(server);
      await stop();
    },
    { scope: "worker", timeout: 90_000 },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  signedIn: async ({ page, server }, use) => {
    await signIn(page, "admin", server.adminPassword);
    await use(page);
  },
});

export async function signIn(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).exclude(".monaco-editor").analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")}`), `accessibility of ${what}`).toEqual([]);
}

/**
 * Types into the Monaco editor of the open file: at the end of line `line` (1-based), over everything with
 * `selectAll`, at the cursor with `atCursor` (the editor keeps its focus), else at the end of the file.
 */
export async function typeInEditor(page: Page, text: string, options: { selectAll?: boolean; line?: number; atCursor?: boolean } = {}) {
  if (!options.atCursor) {
    await page.locator(".editor-host .monaco-editor").first().click({ position: { x: 120, y: 10 } });
    if (options.selectAll) {
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.press("Delete");
    } else if (options.line) {
      await page.keyboard.press("ControlOrMeta+Home");
      for (let i = 1; i < options.line; i++) await page.keyboard.press("ArrowDown");
      await page.keyboard.press("End");
    } else await page.keyboard.press("ControlOrMeta+End");
  }
  await page.keyboard.insertText(text);
}

/** The editor's tab of an open file. */
export function openTab(page: Page, file: string) {
  return page.getByRole("group", { name: "Open files" }).getByRole("button", { name: new RegExp(`^${file.replace(/\./g, "\\.")}`) });
}

let counter = 0;
/** A fresh artifact name per test, so tests sharing a worker's server do not meet. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid % 1000}-${counter}-${Date.now() % 100000}`;
}

export { expect };
