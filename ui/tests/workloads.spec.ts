import { expect, expectAccessible, test, uniqueName } from "./fixtures";

test("a workload is created into a GitOps repository and upgraded after previewing the rendered diff", async ({ signedIn: page, server }) => {
  const chart = uniqueName("shop");
  expect((await server.api("POST", "/api/v2/org-charts", { name: chart, scaffold: true })).status).toBeLessThan(300);
  expect((await server.api("POST", `/api/v2/org-charts/${chart}/versions`, { version: "0.1.0", notes: "First" })).status).toBeLessThan(300);
  const tree = await server.api("GET", `/api/v2/org-charts/${chart}/tree`);
  const chartYaml = (await server.api("GET", `/api/v2/org-charts/${chart}/files/Chart.yaml`)).json.text as string;
  const values = (await server.api("GET", `/api/v2/org-charts/${chart}/files/values.yaml`)).json.text as string;
  const commit = await server.api("POST", `/api/v2/org-charts/${chart}/commits`, {
    baseCommit: tree.json.commit,
    changes: [
      { write: { path: "Chart.yaml", text: chartYaml.replace(/^version: .*$/m, "version: 0.2.0") } },
      { write: { path: "values.yaml", text: values.replace(/^replicaCount: 1$/m, "replicaCount: 2") } },
    ],
  });
  expect(commit.status).toBeLessThan(300);
  expect((await server.api("POST", `/api/v2/org-charts/${chart}/versions`, { version: "0.2.0", notes: "Two **replicas** by default" })).status).toBeLessThan(300);

  await page.goto("/workloads");
  const repoName = uniqueName("prod");
  await page.getByLabel("New repository").fill(repoName);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("region", { name: "GitOps repositories" })).toContainText(`/git/gitops/${repoName}.git`);

  await page.getByRole("button", { name: "New workload" }).click();
  const dialog = page.getByRole("dialog", { name: "New workload" });
  await dialog.getByLabel("Name", { exact: true }).fill("web-prod");
  await dialog.getByLabel("Project").fill("shop");
  await dialog.getByLabel("Environment").fill("prod");
  await dialog.getByLabel("Artifact", { exact: true }).selectOption(chart);
  await dialog.getByLabel("Version", { exact: true }).selectOption("0.1.0");
  await dialog.getByLabel("Release name").fill("web");
  await dialog.getByLabel("Namespace", { exact: true }).fill("shop");
  await dialog.getByLabel("Target repository").fill(`${server.url}/git/gitops/${repoName}.git`);
  await dialog.getByLabel("Path", { exact: true }).fill("apps/web");
  await dialog.getByRole("button", { name: "Create and commit" }).click();
  const group = page.getByRole("region", { name: "shop / prod" });
  await expect(group).toContainText("web-prod");
  await expect(group).toContainText("upgrade available: 0.2.0");
  await expectAccessible(page, "workloads");

  await group.getByRole("button", { name: "Upgrade web-prod" }).click();
  const upgrade = page.getByRole("dialog", { name: "Upgrade web-prod" });
  await expect(upgrade.getByLabel("Target version")).toHaveValue("0.2.0");
  await upgrade.getByRole("button", { name: "Preview upgrade" }).click();
  const preview = upgrade.getByRole("region", { name: "Upgrade preview" });
  await expect(preview).toContainText("0.1.0 → 0.2.0");
  await expect(preview.locator(".notes strong").getByText("replicas", { exact: true })).toBeVisible();
  await expect(preview.getByRole("list", { name: "Changed objects" })).toContainText("Deployment");
  await preview.getByRole("list", { name: "Changed objects" }).locator("summary").filter({ hasText: "Deployment" }).click();
  await expect(preview).toContainText("+  replicas: 2");
  await upgrade.getByRole("button", { name: "Apply upgrade" }).click();
  await expect(upgrade.getByText(/Upgraded to 0\.2\.0 in commit/)).toBeVisible();
  await upgrade.getByRole("button", { name: "Close" }).last().click();
  await expect(group).not.toContainText("upgrade available");

  await group.getByRole("button", { name: "History of web-prod" }).click();
  const history = page.getByRole("dialog", { name: "History of web-prod" });
  await expect(history).toContainText("0.1.0 → 0.2.0");
  await history.getByRole("button", { name: "Close" }).last().click();

  // Where used, on the version.
  await page.goto(`/charts/${chart}/versions?version=0.2.0&tab=use`);
  await expect(page.getByRole("region", { name: "Workloads running 0.2.0" })).toContainText("web-prod");
});
