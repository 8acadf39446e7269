import { expect, expectAccessible, openTab, test, typeInEditor, uniqueName } from "./fixtures";

test("a chart from the scaffold: YAML markers, save, stale-save conflict, preview, review, publish, refusal, history and rendered diff", async ({ signedIn: page, server }) => {
  test.setTimeout(240_000);
  const name = uniqueName("web");

  // Create from the scaffold; the naming rule is checked as the name is typed.
  await page.goto("/charts");
  await page.getByRole("button", { name: "New" }).click();
  const dialog = page.getByRole("dialog", { name: /^New in / });
  await dialog.getByLabel("Name").fill("Web_App");
  await expect(dialog.getByText("Use lowercase letters only.")).toBeVisible();
  await dialog.getByLabel("Name").fill(name);
  await expect(dialog.getByText(/1 to 63 characters/)).toBeVisible();
  await dialog.getByLabel("Description").fill("The web tier");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(new RegExp(`/charts/${name}/editor$`));
  await expect(openTab(page, "Chart.yaml")).toBeVisible();
  await expectAccessible(page, "the editor");

  // Type a YAML error in values.yaml: a marker and a problem appear; undo it and they go.
  await page.getByRole("tree").getByRole("button", { name: "values.yaml" }).click();
  await expect(openTab(page, "values.yaml")).toHaveAttribute("aria-current", "true");
  await typeInEditor(page, "\n  broken: [", { line: 3 });
  const problems = page.getByRole("region", { name: "Problems" });
  await expect(problems.getByText("(YAML)").first()).toBeVisible();
  await expect(page.locator(".editor-host .squiggly-error").first()).toBeVisible();
  await expect(openTab(page, "values.yaml")).toContainText("●");
  for (let i = 0; i < 5 && (await problems.getByText("(YAML)").count()) > 0; i++) await page.keyboard.press("ControlOrMeta+Z");
  await expect(problems.getByText("(YAML)")).toHaveCount(0);

  // An edit, saved with Ctrl+S as one commit.
  await typeInEditor(page, "\n# tuned in the browser", { line: 3 });
  await page.keyboard.press("ControlOrMeta+S");
  await expect(page.getByText("Saved: Update values.yaml")).toBeVisible();
  await expect(openTab(page, "values.yaml")).not.toContainText("●");

  // Someone else commits through the API meanwhile: the next save is stale and shows the other change.
  const tree = await server.api("GET", `/api/v2/org-charts/${name}/tree`);
  const readme = await server.api("GET", `/api/v2/org-charts/${name}/files/README.md`);
  const write = await server.api("PUT", `/api/v2/org-charts/${name}/files/README.md`, { text: readme.json.text + "\nEdited through the API.\n", baseCommit: tree.json.commit, message: "API edit" });
  expect(write.status).toBe(200);
  await typeInEditor(page, "\n# second browser edit", { line: 3 });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const conflict = page.getByRole("dialog", { name: "Someone else changed this artifact" });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("README.md");
  await conflict.getByRole("button", { name: "Keep my text and re-apply" }).click();
  await expect(openTab(page, "values.yaml")).toContainText("●");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(/Saved:/)).toBeVisible();
  const values = await server.api("GET", `/api/v2/org-charts/${name}/files/values.yaml`);
  expect(values.json.text).toContain("# second browser edit");
  const afterReadme = await server.api("GET", `/api/v2/org-charts/${name}/files/README.md`);
  expect(afterReadme.json.text).toContain("Edited through the API.");

  // Preview with sample values.
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("complementary", { name: "Preview" });
  await preview.getByLabel("Release name").fill("shop");
  await preview.locator(".monaco-editor").first().click({ position: { x: 80, y: 10 } });
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText("replicaCount: 7\n");
  await preview.getByRole("button", { name: "Render" }).click();
  const objects = preview.getByRole("list", { name: "Rendered objects" });
  await objects.getByRole("button", { name: /^Deployment shop-/ }).click();
  await expect(preview.getByTestId("code-editor").last()).toContainText("replicas: 7");
  await expect(objects).toContainText("Service shop-");

  // Review the pending changes.
  await page.getByRole("button", { name: "Review changes" }).click();
  const review = page.getByRole("dialog", { name: /Changes/ });
  await expect(review.getByRole("list", { name: "Changed files" })).toContainText("values.yaml");
  await expect(review.getByTestId("diff-editor")).toBeVisible();
  await review.getByRole("button", { name: "Close" }).last().click();

  // Publish 0.1.0 (the chart's own version), then try it again and read the refusal.
  await page.getByRole("button", { name: "Publish" }).click();
  const publish = page.getByRole("dialog", { name: `Publish ${name}` });
  await expect(publish.getByLabel("Version", { exact: true })).toHaveValue("0.1.0");
  await publish.getByLabel("Release notes (Markdown)").fill("First **release**");
  await publish.getByRole("button", { name: "Publish 0.1.0" }).click();
  await expect(page.getByText(`Published ${name} 0.1.0.`)).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await publish.getByLabel("Version", { exact: true }).fill("0.1.0");
  await publish.getByRole("button", { name: "Publish 0.1.0" }).click();
  await expect(publish.getByRole("alert")).toContainText(/already exists/);
  await publish.getByRole("button", { name: "Cancel" }).click();

  // A second version: values change, the chart's version bumped in step.
  await openTab(page, "values.yaml").click();
  await typeInEditor(page, "\nextraNote: second", { line: 3 });
  await page.keyboard.press("ControlOrMeta+S");
  await expect(page.getByText(/Saved:/)).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await publish.getByRole("button", { name: /^minor / }).click();
  await expect(publish.getByLabel("Version", { exact: true })).toHaveValue("0.2.0");
  await expect(publish.getByText(/Chart\.yaml says version 0\.1\.0/)).toBeVisible();
  await publish.getByRole("button", { name: "Publish 0.2.0" }).click();
  await expect(page.getByText(`Published ${name} 0.2.0.`)).toBeVisible();
  const chartYaml = await server.api("GET", `/api/v2/org-charts/${name}/files/Chart.yaml?ref=0.2.0`);
  expect(chartYaml.json.text).toMatch(/^version: 0\.2\.0$/m);

  // Version history, notes, the file browser, and the diff of the renders.
  await page.getByRole("link", { name: "Versions" }).click();
  const versions = page.getByRole("region", { name: "Versions" });
  await expect(versions.getByRole("button", { name: "0.2.0" })).toBeVisible();
  await expect(versions.getByRole("button", { name: "0.1.0" })).toBeVisible();
  await expect(versions.getByLabel("Release notes of 0.1.0").locator("strong")).toHaveText("release");
  await expect(versions).toContainText("UI");
  await expectAccessible(page, "version history");
  await page.getByRole("tree").or(page.getByRole("list", { name: "Files of 0.2.0" })).getByRole("button", { name: "values.yaml" }).click();
  await expect(page.getByTestId("code-editor")).toContainText("extraNote");
  await page.getByRole("tab", { name: "Compare" }).click();
  await expect(page.getByLabel("Compare from version")).toHaveValue("0.1.0");
  await expect(page.getByRole("list", { name: "Changed files" })).toContainText("Chart.yaml");
  await page.getByRole("button", { name: "Rendered output" }).click();
  await page.getByLabel("Values for both renders (YAML, optional)").fill("nameOverride: five\n");
  await page.getByRole("button", { name: "Render and compare" }).click();
  const renderedDiff = page.getByTestId("diff-editor");
  await expect(renderedDiff).toContainText("app.kubernetes.io/name: five");
  await expect(renderedDiff).toContainText("-0.1.0");
  await expect(renderedDiff).toContainText("-0.2.0");
  await page.getByRole("tab", { name: "Use" }).click();
  await expect(page.getByLabel("helm pull")).toContainText(`helm pull oci://127.0.0.1:${new URL(server.url).port}/charts/${name} --version 0.2.0`);
});

test("completes .Values paths from values.yaml in a template", async ({ signedIn: page, server }) => {
  const name = uniqueName("completion");
  expect((await server.api("POST", "/api/v2/org-charts", { name, scaffold: true })).status).toBeLessThan(300);
  await page.goto(`/charts/${name}/editor`);
  await page.getByRole("tree").getByRole("button", { name: "deployment.yaml" }).click();
  await expect(openTab(page, "deployment.yaml")).toHaveAttribute("aria-current", "true");
  await typeInEditor(page, "\n# {{ .Values.ima", { line: 1 });
  await page.keyboard.press("Control+Space");
  const suggest = page.locator(".suggest-widget");
  await expect(suggest).toContainText("image");
  await page.keyboard.press("Escape");
  await typeInEditor(page, "ge.", { atCursor: true });
  await page.keyboard.press("Control+Space");
  await expect(suggest).toContainText("repository");
  await expect(suggest).toContainText("pullPolicy");
});

test("the server's validation runs on save; its problems jump to file and line", async ({ signedIn: page, server }) => {
  const name = uniqueName("checked");
  expect((await server.api("POST", "/api/v2/org-charts", { name, scaffold: true })).status).toBeLessThan(300);
  await page.goto(`/charts/${name}/editor`);
  await page.getByRole("tree").getByRole("button", { name: "values.yaml" }).click();
  await expect(openTab(page, "values.yaml")).toHaveAttribute("aria-current", "true");
  // Valid YAML that the chart's values.schema.json refuses: only the server's validation finds it.
  await typeInEditor(page, "", { line: 3 });
  await page.keyboard.press("Shift+Home");
  await page.keyboard.insertText("replicaCount: three");
  await page.keyboard.press("ControlOrMeta+S");
  await expect(page.getByText(/Saved:/)).toBeVisible();
  const problems = page.getByRole("region", { name: "Problems" });
  const finding = problems.getByRole("button").filter({ hasText: "(validation)" }).first();
  await expect(finding).toContainText("replicaCount");
  await page.getByRole("tree").getByRole("button", { name: "Chart.yaml" }).click();
  await expect(openTab(page, "Chart.yaml")).toHaveAttribute("aria-current", "true");
  await finding.click();
  await expect(openTab(page, "values.yaml")).toHaveAttribute("aria-current", "true");
});
