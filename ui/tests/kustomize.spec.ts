import { expect, openTab, test, typeInEditor, uniqueName } from "./fixtures";

test("adding, renaming and deleting a resource file of a base keeps kustomization.yaml in step", async ({ signedIn: page, server }) => {
  const name = uniqueName("base");
  expect((await server.api("POST", "/api/v2/org-kustomize-bases", { name, scaffold: true })).status).toBeLessThan(300);
  await page.goto(`/kustomize-bases/${name}/editor`);
  await expect(openTab(page, "kustomization.yaml")).toBeVisible();

  await page.getByRole("button", { name: "New file" }).click();
  const create = page.getByRole("dialog", { name: "New file" });
  await create.getByLabel("File path").fill("secret-ref.yaml");
  await expect(create.getByLabel(/Add it to kustomization\.yaml/)).toBeChecked();
  await create.getByRole("button", { name: "Create" }).click();
  await typeInEditor(page, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: refs\ndata:\n  a: b\n");
  await page.keyboard.press("ControlOrMeta+S");
  await expect(page.getByText(/Saved:/)).toBeVisible();
  let k = await server.api("GET", `/api/v2/org-kustomize-bases/${name}/files/kustomization.yaml`);
  expect(k.json.text).toContain("  - secret-ref.yaml\n");
  const log1 = await server.api("GET", `/api/v2/org-kustomize-bases/${name}/tree`);

  await page.getByRole("tree").getByRole("button", { name: "secret-ref.yaml" }).click();
  await page.getByRole("button", { name: "Rename" }).click();
  const rename = page.getByRole("dialog", { name: /Rename/ });
  await rename.getByLabel("New path").fill("refs.yaml");
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("tree").getByRole("button", { name: "refs.yaml" })).toBeVisible();
  k = await server.api("GET", `/api/v2/org-kustomize-bases/${name}/files/kustomization.yaml`);
  expect(k.json.text).toContain("  - refs.yaml\n");
  expect(k.json.text).not.toContain("secret-ref.yaml");
  const log2 = await server.api("GET", `/api/v2/org-kustomize-bases/${name}/tree`);
  expect(log2.json.commit).not.toBe(log1.json.commit);

  await page.getByRole("tree").getByRole("button", { name: "refs.yaml" }).click();
  await page.getByRole("button", { name: "Delete" }).click();
  const del = page.getByRole("dialog", { name: "Delete refs.yaml" });
  await expect(del).toContainText("kustomization.yaml: remove refs.yaml from resources");
  await del.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("tree").getByRole("button", { name: "refs.yaml" })).toHaveCount(0);
  k = await server.api("GET", `/api/v2/org-kustomize-bases/${name}/files/kustomization.yaml`);
  expect(k.json.text).not.toContain("refs.yaml");
  const validation = await server.api("POST", `/api/v2/org-kustomize-bases/${name}/validate`, {});
  expect(validation.json.valid).toBe(true);
});
