import { expect, expectAccessible, signIn, test, uniqueName } from "./fixtures";

test("a registry token is shown once, listed, and revoked after confirmation", async ({ signedIn: page }) => {
  await page.goto("/settings/registry-tokens");
  const tokenName = uniqueName("ci");
  await page.getByLabel("Name").fill(tokenName);
  await page.getByLabel("Scope").selectOption("pull+push");
  await page.getByRole("button", { name: "Create token" }).click();
  const once = page.getByRole("region", { name: "New registry token" });
  await expect(once).toContainText("shown this once");
  const value = (await once.getByLabel("New registry token value").textContent())!.trim();
  expect(value.length).toBeGreaterThan(20);
  await expect(once.getByRole("button", { name: "Copy" })).toBeVisible();
  await expectAccessible(page, "registry tokens");
  await once.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText(value)).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: tokenName });
  await expect(row).toContainText("pull+push");
  await expect(row).toContainText("admin");

  await row.getByRole("button", { name: `Revoke ${tokenName}` }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke registry token" });
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  // The revoked token no longer opens the registry.
  const port = new URL(page.url()).port;
  const r = await fetch(`http://127.0.0.1:${port}/v2/token?scope=repository:charts/x:pull`, { headers: { Authorization: "Basic " + Buffer.from("ci:" + value).toString("base64") } });
  expect(r.status).toBe(401);
});

test("a viewer added by an admin signs in with a password and sees the editor read-only", async ({ signedIn: page, server, browser }) => {
  const chart = uniqueName("viewed");
  expect((await server.api("POST", "/api/v2/org-charts", { name: chart, scaffold: true })).status).toBeLessThan(300);
  const username = uniqueName("viewer").replace(/-/g, "");
  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const add = page.getByRole("dialog", { name: "Add user" });
  await add.getByLabel("Username").fill(username);
  await add.getByLabel("Name", { exact: true }).fill("Vera Viewer");
  await add.getByLabel("Role").selectOption("1");
  await add.getByLabel("Initial password (optional)").fill("correct horse battery");
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("row").filter({ hasText: username })).toContainText("set");
  await expectAccessible(page, "users and roles");

  const viewer = await browser.newContext({ baseURL: server.url });
  const viewerPage = await viewer.newPage();
  await signIn(viewerPage, username, "correct horse battery");
  await viewerPage.goto(`/charts/${chart}/editor`);
  await expect(viewerPage.getByText("read-only", { exact: true })).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "New file" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await viewerPage.locator(".editor-host .monaco-editor").first().click();
  await viewerPage.keyboard.insertText("typed by a viewer");
  await expect(viewerPage.locator(".editor-host")).not.toContainText("typed by a viewer");
  await expect(viewerPage.getByRole("button", { name: "Review changes" })).toBeVisible();
  await viewerPage.goto("/charts");
  await expect(viewerPage.getByRole("button", { name: "New" })).toHaveCount(0);
  await viewer.close();
});

test("a user changes their password and creates a personal access token", async ({ signedIn: page, server, browser }) => {
  const username = uniqueName("dev").replace(/-/g, "");
  expect((await server.api("POST", "/api/v2/users", { username, role: "EDITOR", password: "first password 123" })).status).toBeLessThan(300);
  const context = await browser.newContext({ baseURL: server.url });
  const p = await context.newPage();
  await signIn(p, username, "first password 123");
  await p.goto("/settings");
  await p.getByLabel("Current password").fill("first password 123");
  await p.getByLabel("New password", { exact: true }).fill("second password 456");
  await p.getByLabel("Confirm the new password").fill("second password 456");
  await p.getByRole("button", { name: "Change password" }).click();
  await expect(p.getByText("Password changed.")).toBeVisible();
  await p.getByLabel("Name").fill("laptop");
  await p.getByRole("button", { name: "Create token" }).click();
  const secret = (await p.getByLabel("New personal access token value").textContent())!.trim();
  const me = await server.api("GET", "/api/v2/user", undefined, secret);
  expect(me.json.username).toBe(username);
  await context.close();
  void page;
});

test("an OCI credential is added, tested with its reason shown, edited and deleted", async ({ signedIn: page }) => {
  await page.goto("/settings/oci-credentials");
  await page.getByRole("button", { name: "Add credential" }).click();
  const add = page.getByRole("dialog", { name: "Add credential" });
  await add.getByLabel("Registry host").fill("oci://127.0.0.1:9/charts/");
  await add.getByLabel("Username").fill("robot");
  await add.getByLabel("Password or token").fill("s3cret-value-never-shown");
  await add.getByRole("button", { name: "Save" }).click();
  const row = page.getByRole("row").filter({ hasText: "127.0.0.1:9" });
  await expect(row).toContainText("robot");
  await expect(page.getByText("s3cret-value-never-shown")).toHaveCount(0);
  await expectAccessible(page, "OCI credentials");
  await row.getByRole("button", { name: "Test connection to 127.0.0.1:9" }).click();
  // Loopback is not an allowed destination here: the refusal says why.
  await expect(row.getByRole("status")).toContainText("✖");
  await row.getByRole("button", { name: "Edit 127.0.0.1:9" }).click();
  const edit = page.getByRole("dialog", { name: /Edit credential/ });
  await edit.getByLabel("Username").fill("robot2");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("robot2");
  await row.getByRole("button", { name: "Delete 127.0.0.1:9" }).click();
  await page.getByRole("dialog", { name: "Delete credential" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("row").filter({ hasText: "127.0.0.1:9" })).toHaveCount(0);
});

test("the audit log lists who changed what, filters by actor and exports JSON lines", async ({ signedIn: page, server }) => {
  const chart = uniqueName("audited");
  expect((await server.api("POST", "/api/v2/org-charts", { name: chart, scaffold: true })).status).toBeLessThan(300);
  await page.goto("/settings/audit");
  const log = page.getByRole("region", { name: "Audit log" });
  await page.getByLabel("Artifact (kind/name)").fill(`charts/${chart}`);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(log.getByRole("row").filter({ hasText: `charts/${chart}` }).first()).toContainText("admin");
  await expectAccessible(page, "the audit log");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export JSON lines" }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  const lines = Buffer.concat(text).toString("utf8").trim().split("\n").map((l) => JSON.parse(l));
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((l) => l.targetName === chart)).toBe(true);
});
