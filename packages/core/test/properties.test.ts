import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { locateValue } from "../src/dataset/json-locate";
import { findJsonSyntaxError } from "../src/dataset/json-syntax";
import type { Problem } from "../src/index";
import { findSensitive, SECRET_MARKERS, sensitiveFamilies } from "../src/rules/sensitive";
import { validateDatasets } from "./engine";
import { SECRET_SAMPLES } from "./secret-samples";
import { catalog, tempFile } from "./support";

const models = catalog.models;
const runs = { numRuns: 150 };

function expectWellFormed(problems: readonly Problem[], lines: number) {
  for (const p of problems) {
    expect(Number.isInteger(p.line) && p.line >= 1 && p.line <= Math.max(1, lines)).toBe(true);
    expect(Number.isInteger(p.column) && p.column >= 1).toBe(true);
    expect(p.message.length).toBeGreaterThan(0);
    expect(p.hint.length).toBeGreaterThan(0);
  }
}

describe("the validator never crashes, and every problem has a line", () => {
  it("on arbitrary bytes, for every record format", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom(...models),
        async (bytes, model) => {
          const buf = Buffer.from(bytes);
          const path = tempFile(buf);
          const validating = validateDatasets([{ path, role: "train" }], { model });
          // A NUL byte in the head means a binary file: one clear read error, and only then.
          if (buf.subarray(0, 512).includes(0)) {
            await expect(validating).rejects.toThrow(/is a binary file \(byte \d+ is NUL\), not JSONL text/);
            return;
          }
          const report = await validating;
          const lines = buf.toString("latin1").split("\n").length;
          expectWellFormed(report.files[0]!.problems, lines);
        },
      ),
      runs,
    );
  });

  it("on arbitrary JSON values, one per line, for every record format", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue({ maxDepth: 4 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...models),
        async (values, model) => {
          const content = `${values.map((v) => JSON.stringify(v)).join("\n")}\n`;
          const report = await validateDatasets([{ path: tempFile(content), role: "train" }], {
            model,
            labelPattern: "(\\w+)",
          });
          expectWellFormed(report.files[0]!.problems, values.length);
        },
      ),
      runs,
    );
  });

  it("on records shaped like the formats with arbitrary values inside", async () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 2 }),
    );
    const message = fc.record(
      { role: fc.oneof(fc.constantFrom("user", "assistant", "system"), value), content: value },
      { requiredKeys: [] },
    );
    const record = fc.oneof(
      fc.record({ system: value, messages: fc.array(message, { maxLength: 4 }) }, { requiredKeys: [] }),
      fc.record(
        {
          schemaVersion: value,
          system: fc.array(fc.record({ text: value })),
          messages: fc.array(
            fc.record({
              role: value,
              content: fc.array(fc.dictionary(fc.constantFrom("text", "image", "video", "x"), value)),
            }),
          ),
        },
        { requiredKeys: [] },
      ),
      fc.record({ prompt: value, completion: value }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...models),
        async (records, model) => {
          const content = `${records.map((r) => JSON.stringify(r)).join("\n")}\n`;
          const report = await validateDatasets([{ path: tempFile(content), role: "train" }], { model });
          expectWellFormed(report.files[0]!.problems, records.length);
        },
      ),
      runs,
    );
  });
});

describe("JSON helpers agree with JSON itself", () => {
  it("the syntax scanner finds an error exactly when JSON.parse throws", () => {
    const text = fc.oneof(
      fc.string(),
      fc.json().map((j) => j),
      // Valid JSON with one character dropped or inserted: near misses are where scanners go wrong.
      fc
        .tuple(fc.json(), fc.nat(), fc.constantFrom("", ",", "}", "]", '"', "\\", ":", "\t", "\n", "'"))
        .map(
          ([j, at, c]) =>
            j.slice(0, at % (j.length + 1)) + c + j.slice((at % (j.length + 1)) + (c === "" ? 1 : 0)),
        ),
    );
    fc.assert(
      fc.property(text, (t) => {
        let parses = true;
        try {
          JSON.parse(t);
        } catch {
          parses = false;
        }
        const error = findJsonSyntaxError(t);
        expect(error === undefined).toBe(parses);
        if (error) expect(error.index).toBeLessThanOrEqual(t.length);
      }),
      { numRuns: 2000 },
    );
  });

  it("locateValue points at the serialised value of every path", () => {
    const obj = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), {
      minKeys: 1,
      maxKeys: 5,
    });
    fc.assert(
      fc.property(obj, (o) => {
        const text = JSON.stringify(o);
        const walk = (value: unknown, path: (string | number)[]) => {
          // The value's whole serialisation starts where the locator says.
          expect(text.startsWith(JSON.stringify(value), locateValue(text, path))).toBe(true);
          if (Array.isArray(value)) {
            for (const [i, v] of value.entries()) walk(v, [...path, i]);
          } else if (value && typeof value === "object") {
            for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
          }
        };
        walk(o, []);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the raw-line markers never hide a match (markersCoverDetectors)", () => {
  // Texts that hold detector matches, embedded in arbitrary text; the property: whenever a detector
  // matches a text, the raw JSON line holding it passes the marker test for that detector's family.
  const hits = [
    ...SECRET_SAMPLES.map(([, text]) => text),
    "jane.doe+tag@mail.example.co.uk",
    "078-05-1120",
    "4111 1111 1111 1111",
    "378282246310005",
    "5555-5555-5555-4444",
    "(415) 555-0132",
    "415.555.0132",
    "+44 20 7946 0958",
    "+1 415 555 0132",
  ];
  const noise = fc.string({ unit: fc.constantFrom(...'ab XY09_-.:@/\\"\n\té€😀'.split("")), maxLength: 30 });

  // How the line was written: JSON.stringify escapes no non-ASCII character, Python's json.dumps escapes
  // every one, and any encoder may write `/` as `\/` or any character as `\u00XX`.
  const escapings = {
    plain: (raw: string) => raw,
    asciiOnly: (raw: string) =>
      raw.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
    slashes: (raw: string) => raw.replace(/\//g, "\\/"),
    oneEscaped: (raw: string, at: number) => {
      // A character of the content string (escapes are JSON only inside strings).
      const from = raw.indexOf('"content":"') + 11;
      const i = from + (at % Math.max(1, raw.length - 4 - from));
      const c = raw[i]!;
      // Not inside an escape the encoder already wrote (`\n`, `\ud83d`).
      return /[A-Za-z0-9@:~.]/.test(c) && !raw.slice(Math.max(0, i - 5), i).includes("\\")
        ? `${raw.slice(0, i)}\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}${raw.slice(i + 1)}`
        : raw;
    },
  };
  type Escaping = keyof typeof escapings;

  it("for every detector, in arbitrary surroundings, through JSON escaping", () => {
    const markers = new RegExp(SECRET_MARKERS.join("|"));
    fc.assert(
      fc.property(
        noise,
        fc.constantFrom(...hits),
        noise,
        fc.constantFrom(...(Object.keys(escapings) as Escaping[])),
        fc.nat(),
        (before, hit, after, escaping, at) => {
          const text = `${before} ${hit} ${after}`;
          const found = findSensitive(text);
          const line = escapings[escaping](
            JSON.stringify({ messages: [{ role: "user", content: text }] }),
            at,
          );
          expect(JSON.parse(line).messages[0].content).toBe(text);
          const families = sensitiveFamilies(line, markers.test(line));
          for (const match of found) {
            const family =
              match.rule === "sensitive/secret"
                ? "secret"
                : match.kind === "e-mail address"
                  ? "email"
                  : "digits";
            expect(families, `${match.kind} in ${JSON.stringify(text)} (${escaping})`).toContain(family);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("every listed hit is found by its detector", () => {
    for (const hit of hits) expect(findSensitive(` ${hit} `).length, hit).toBeGreaterThan(0);
  });
});
