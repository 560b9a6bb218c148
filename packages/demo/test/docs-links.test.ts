// Every relative link in README.md and docs/ points at a file that exists and, with a #fragment, at a
// heading it has (GitHub's anchors: lower case, punctuation dropped, spaces to hyphens). The newcomer
// follows these links from `npm run demo` to a working setup.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith(".md") ? [path] : [];
  });
}

const withoutCode = (text: string) => text.replace(/^```[\s\S]*?^```/gm, "");

function anchors(path: string): Set<string> {
  const found = new Set<string>();
  for (const [, heading] of withoutCode(readFileSync(path, "utf8")).matchAll(/^#{1,6} (.+)$/gm)) {
    found.add(
      heading!
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}_\- ]/gu, "")
        .replace(/ /g, "-"),
    );
  }
  return found;
}

function brokenLinks(files: string[]): string[] {
  const broken: string[] = [];
  for (const file of files) {
    const text = withoutCode(readFileSync(file, "utf8"));
    for (const [, link] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(link!)) continue;
      const [path, fragment] = link!.split("#") as [string, string | undefined];
      const target = path ? join(dirname(file), path) : file;
      const where = `${relative(ROOT, file)}: ${link}`;
      if (!existsSync(target)) broken.push(`${where} (no such file)`);
      else if (fragment && target.endsWith(".md") && !anchors(target).has(fragment)) {
        broken.push(`${where} (no such heading)`);
      }
    }
  }
  return broken;
}

const files = [join(ROOT, "README.md"), ...markdownFiles(join(ROOT, "docs"))];

it("README.md and docs/ link only to files and headings that exist", () => {
  expect(files.length).toBeGreaterThan(10);
  expect(brokenLinks(files)).toEqual([]);
});

it("notices a broken link and a broken anchor", () => {
  const dir = mkdtempSync(join(tmpdir(), "tunegate-links-"));
  try {
    const page = join(dir, "page.md");
    writeFileSync(
      page,
      "# Title: the page\n\n[ok](#title-the-page) [gone](missing.md) [nowhere](#nope) [web](https://example.com)\n",
    );
    expect(brokenLinks([page]).map((b) => b.replace(/^.*: /, ""))).toEqual([
      "missing.md (no such file)",
      "#nope (no such heading)",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
