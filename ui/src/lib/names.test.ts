import { describe, expect, it } from "vitest";
import { nameProblem } from "./names";

describe("nameProblem", () => {
  it("accepts DNS-1123 labels", () => {
    for (const ok of ["web", "a", "my-chart-2", "0abc", "a".repeat(63)]) expect(nameProblem(ok), ok).toBe("");
  });
  it("says what is wrong", () => {
    expect(nameProblem("")).toMatch(/Enter/);
    expect(nameProblem("Web")).toMatch(/lowercase/);
    expect(nameProblem("my_chart")).toMatch(/'_' is not allowed/);
    expect(nameProblem("-web")).toMatch(/Start and end/);
    expect(nameProblem("a".repeat(64))).toMatch(/64 characters/);
  });
});
