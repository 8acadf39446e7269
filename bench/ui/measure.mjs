// Measures the browser app against a local server in headless Chromium (Debian's):
//   - JavaScript the catalog page loads, gzipped (target ≤ 250 KB, Monaco not among it)
//   - catalog page interactive (target < 1 s), paging a catalog of 1,000 artifacts
//   - editor with a 15-template chart open (target < 2 s)
//   - typing in a 5,000-line file (time per keystroke until Monaco shows it)
// Run from ui/: `npm run bench` (builds nothing: run scripts/build.sh first). Figures go to stdout.
import { spawn, execSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { chromium } = await import(join(repo, "ui", "node_modules", "playwright-core", "index.mjs"));
const dll = join(repo, "src/Server/bin/Release/net10.0/GitOpsHQ.Server.dll");
const artifacts = Number(process.env.BENCH_ARTIFACTS ?? 1000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);

const port = await new Promise((done) => {
  const s = createServer();
  s.listen(0, "127.0.0.1", () => {
    const { port } = s.address();
    s.close(() => done(port));
  });
});
const url = `http://127.0.0.1:${port}`;
const data = mkdtempSync(join(tmpdir(), "gitopshq-bench-"));
const server = spawn("dotnet", [dll, "--data", data, "--urls", url], { stdio: "ignore" });
process.on("exit", () => {
  server.kill();
  rmSync(data, { recursive: true, force: true });
});
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${url}/healthz`)).ok && existsSync(join(data, "admin-password"))) break;
  } catch {}
  if (i > 300) throw new Error("server did not start");
  await new Promise((r) => setTimeout(r, 200));
}
const token = readFileSync(join(data, "admin-token"), "utf8").trim();
const password = readFileSync(join(data, "admin-password"), "utf8").trim();
const api = async (method, path, body) => {
  const r = await fetch(url + path, { method, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: body && JSON.stringify(body) });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.json();
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;

// A catalog of `artifacts` charts (8 at a time), and a chart with 15 templates and a 5,000-line file.
const t0 = Date.now();
for (let i = 0; i < artifacts; i += 8)
  await Promise.all(Array.from({ length: Math.min(8, artifacts - i) }, (_, j) => api("POST", "/api/v2/org-charts", { name: `chart-${String(i + j).padStart(4, "0")}`, description: `Chart number ${i + j}` })));
const seeded = Date.now() - t0;
await api("POST", "/api/v2/org-charts", { name: "big", scaffold: true });
const tree = await api("GET", "/api/v2/org-charts/big/tree");
const isTemplate = (p) => p.startsWith("templates/") && /\.ya?ml$/.test(p) && p !== "templates/long.yaml";
const templates = tree.entries.filter((e) => isTemplate(e.path)).length;
const extra = [];
for (let i = templates; i < 15; i++) extra.push({ write: { path: `templates/extra-${i}.yaml`, text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "big.fullname" . }}-${i}\ndata:\n  replicas: {{ .Values.replicaCount | quote }}\n` } });
const long = Array.from({ length: 5000 }, (_, i) => `key${i}: {{ .Values.image.repository }}-${i}`).join("\n") + "\n";
extra.push({ write: { path: "templates/long.yaml", text: `# 5,000 lines\n${long}` } });
await api("POST", "/api/v2/org-charts/big/commits", { changes: extra, baseCommit: tree.commit, message: "Bench files" });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? execSync("command -v chromium", { shell: "/bin/bash" }).toString().trim(),
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
await page.goto(`${url}/login`);
await page.getByLabel("Username").fill("admin");
await page.getByLabel("Password", { exact: true }).fill(password);
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByRole("button", { name: "Sign out" }).waitFor();

// JavaScript of the catalog page, from a cold cache.
const cold = await context.newPage();
const scripts = new Map();
cold.on("response", async (r) => {
  if (r.request().resourceType() === "script") scripts.set(r.url(), await r.body().catch(() => Buffer.alloc(0)));
});
await cold.goto(`${url}/charts`);
await cold.getByRole("link", { name: "chart-0000" }).waitFor();
await cold.waitForLoadState("networkidle");
const jsGzip = [...scripts.values()].reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
const monacoLoaded = [...scripts.values()].some((b) => b.includes("monaco-editor") || b.includes("MonacoEnvironment"));
await cold.close();

// Catalog interactive: navigation start → first row rendered and the search box answers.
const catalogTimes = [];
for (let i = 0; i < rounds; i++) {
  const start = Date.now();
  await page.goto(`${url}/charts`);
  await page.getByRole("link", { name: "chart-0000" }).waitFor();
  catalogTimes.push(Date.now() - start);
}
// Paging through 1,000: each "Next" until the page's first row shows.
const pageTimes = [];
for (let i = 1; i <= Math.min(10, Math.floor(artifacts / 50) - 1); i++) {
  const start = Date.now();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("link", { name: `chart-${String(i * 50).padStart(4, "0")}` }).waitFor();
  pageTimes.push(Date.now() - start);
}
// Search as you type across the 1,000.
const searchTimes = [];
for (const q of ["chart-09", "chart-05", "chart-0123"]) {
  const start = Date.now();
  await page.getByRole("searchbox").fill(q);
  await page.getByText(/in all/).filter({ hasText: q === "chart-0123" ? "1 in all" : "100 in all" }).waitFor();
  searchTimes.push(Date.now() - start);
}

// Editor with the 15-template chart: navigation → Chart.yaml's text in Monaco.
const editorTimes = [];
for (let i = 0; i < rounds; i++) {
  const start = Date.now();
  await page.goto(`${url}/charts/big/editor`);
  await page.locator(".editor-host .view-lines").getByText("apiVersion: v2").waitFor();
  editorTimes.push(Date.now() - start);
}

// Typing in the 5,000-line file: per keystroke, from the key press to the character on screen.
await page.getByRole("tree").getByRole("button", { name: "long.yaml" }).click();
await page.locator(".editor-host .view-lines").getByText("# 5,000 lines").waitFor();
await page.locator(".editor-host .monaco-editor").first().click();
await page.keyboard.press("Control+End");
const keyTimes = [];
let typed = "";
for (const ch of "typing-latency-check") {
  const start = performance.now();
  await page.keyboard.type(ch);
  await page.waitForFunction((typed) => document.querySelector(".editor-host .view-lines")?.textContent?.includes(typed), typed += ch);
  keyTimes.push(performance.now() - start);
}
await browser.close();

const templateCount = (await api("GET", "/api/v2/org-charts/big/tree")).entries.filter((e) => isTemplate(e.path)).length;
console.log(`catalog of ${artifacts} charts seeded in ${(seeded / 1000).toFixed(1)} s; chart "big" has ${templateCount} templates + a 5,000-line file`);
console.log(`catalog page JavaScript (gzip -9): ${(jsGzip / 1024).toFixed(1)} KB in ${scripts.size} files; Monaco loaded: ${monacoLoaded ? "yes" : "no"}  (target ≤ 250 KB, no Monaco)`);
console.log(`catalog page interactive: median ${fmt(median(catalogTimes))}, max ${fmt(Math.max(...catalogTimes))} over ${rounds}  (target < 1 s)`);
console.log(`paging (50 per page): median ${fmt(median(pageTimes))}, max ${fmt(Math.max(...pageTimes))} over ${pageTimes.length} pages`);
console.log(`search as you type (incl. 200 ms debounce): ${searchTimes.map(fmt).join(", ")}`);
console.log(`editor with the chart open: median ${fmt(median(editorTimes))}, max ${fmt(Math.max(...editorTimes))} over ${rounds}  (target < 2 s)`);
console.log(`typing in the 5,000-line file: median ${median(keyTimes).toFixed(1)} ms per key, max ${Math.max(...keyTimes).toFixed(1)} ms`);
process.exit(0);
