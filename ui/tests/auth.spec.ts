import { expect, expectAccessible, signIn, test } from "./fixtures";

test("signs in with the password, keeps the session in an HttpOnly SameSite=Strict cookie, and signs out", async ({ page, server, context }) => {
  await page.goto("/charts");
  await expect(page).toHaveURL(/\/login\?next=%2Fcharts/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectAccessible(page, "the sign-in page");

  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password", { exact: true }).fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Password", { exact: true }).fill(server.adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/charts$/);
  await expect(page.getByLabel("Signed in as")).toContainText("admin");
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.httpOnly);
  expect(session, "an HttpOnly session cookie").toBeDefined();
  expect(session!.sameSite).toBe("Strict");
  expect(await page.evaluate(() => document.cookie)).not.toContain(session!.value);
  await expect(page.locator("header .build")).toContainText(/v\d/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  // The old cookie no longer authenticates: the session ended on the server.
  await context.addCookies([session!]);
  await page.goto("/charts");
  await expect(page).toHaveURL(/\/login/);
});

test("signs in with a personal access token", async ({ page, server }) => {
  await page.goto("/login");
  await page.getByLabel("Access token").fill(server.adminToken);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByLabel("Signed in as")).toContainText("admin");
});

test("an empty catalog shows how to start, and every catalog page is accessible", async ({ page, server }) => {
  await signIn(page, "admin", server.adminPassword);
  await page.goto("/manifest-bundles");
  const start = page.getByRole("region", { name: "Getting started" });
  await expect(start).toBeVisible();
  await expect(start).toContainText("git push");
  await expectAccessible(page, "an empty catalog");
  for (const kind of ["charts", "kustomize-bases"]) {
    await page.goto(`/${kind}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page, kind);
  }
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Personal access tokens" })).toBeVisible();
  await expectAccessible(page, "settings");
});

test("follows the OS's dark or light theme, at 1280×800 and 1920×1080", async ({ browser, server }) => {
  for (const [colorScheme, viewport] of [
    ["dark", { width: 1920, height: 1080 }],
    ["light", { width: 1280, height: 800 }],
  ] as const) {
    const context = await browser.newContext({ baseURL: server.url, colorScheme, viewport });
    const page = await context.newPage();
    await signIn(page, "admin", server.adminPassword);
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    const light = (r! + g! + b!) / 3 > 128;
    expect(light, `${colorScheme} background ${background}`).toBe(colorScheme === "light");
    // Nothing spills out sideways at this size.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.goto("/settings/registry-tokens");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await context.close();
  }
});
