// The catalog's naming rule, checked as the user types (the server applies the same rule).

export const nameRule = "1 to 63 characters: lowercase letters, digits and '-', starting and ending with a letter or digit";

/** What is wrong with `name`, in words, or "" when it is a valid artifact name. */
export function nameProblem(name: string): string {
  if (name.length === 0) return "Enter a name.";
  if (name.length > 63) return `Too long: ${name.length} characters, at most 63.`;
  if (/[A-Z]/.test(name)) return "Use lowercase letters only.";
  const bad = name.match(/[^a-z0-9-]/);
  if (bad) return `'${bad[0]}' is not allowed: use a-z, 0-9 and '-'.`;
  if (name.startsWith("-") || name.endsWith("-")) return "Start and end with a letter or digit.";
  return "";
}
