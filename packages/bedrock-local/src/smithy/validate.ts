// Checks a decoded input value against the constraint traits of its shapes, recursively, and reports
// every violation the way AWS does (one entry per failed constraint, member paths such as
// `validationDataConfig.validators.1.member.s3Uri`).
import type { ConstraintViolation } from "./errors.js";
import { effectiveTraits, hasTrait, type MemberRef, type ShapeIndex, type Traits } from "./model.js";

interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

const patternCache = new Map<string, RegExp>();

/** Smithy patterns are ECMA-262 and unanchored: `test` finds a match anywhere unless `^`/`$` say otherwise. */
function compilePattern(pattern: string): RegExp {
  let compiled = patternCache.get(pattern);
  if (!compiled) {
    try {
      compiled = new RegExp(pattern, "u");
    } catch {
      // Some AWS patterns (`[a-zA-Z0-9-_/]`) are only valid without the unicode flag.
      compiled = new RegExp(pattern);
    }
    patternCache.set(pattern, compiled);
  }
  return compiled;
}

function enumValues(index: ShapeIndex, member: MemberRef, traits: Traits): string[] | undefined {
  const shape = index.shape(member.target);
  if (shape.type === "enum" || shape.type === "intEnum") {
    return Object.entries(shape.members ?? {}).map(([name, ref]) => {
      const declared = ref.traits?.["smithy.api#enumValue"];
      return declared === undefined ? name : String(declared);
    });
  }
  const legacy = traits["smithy.api#enum"];
  if (Array.isArray(legacy)) return legacy.map((entry: { value: string }) => entry.value);
  return undefined;
}

function lengthViolations(size: number, bounds: Bounds | undefined): string[] {
  if (!bounds) return [];
  const found: string[] = [];
  if (bounds.min !== undefined && size < bounds.min) {
    found.push(`Member must have length greater than or equal to ${bounds.min}`);
  }
  if (bounds.max !== undefined && size > bounds.max) {
    found.push(`Member must have length less than or equal to ${bounds.max}`);
  }
  return found;
}

function rangeViolations(value: number, bounds: Bounds | undefined): string[] {
  if (!bounds) return [];
  const found: string[] = [];
  if (bounds.min !== undefined && value < bounds.min) {
    found.push(`Member must have value greater than or equal to ${bounds.min}`);
  }
  if (bounds.max !== undefined && value > bounds.max) {
    found.push(`Member must have value less than or equal to ${bounds.max}`);
  }
  return found;
}

const SCALAR_TYPES = new Set([
  "string",
  "enum",
  "intEnum",
  "byte",
  "short",
  "integer",
  "long",
  "float",
  "double",
  "bigInteger",
  "bigDecimal",
  "boolean",
  "timestamp",
  "blob",
]);

export class ConstraintValidator {
  constructor(private readonly index: ShapeIndex) {}

  /** Every violation in a structure value (the operation input), in member order. */
  validateStructure(shapeId: string, value: Readonly<Record<string, unknown>>): ConstraintViolation[] {
    const violations: ConstraintViolation[] = [];
    this.checkMembers(shapeId, value, "", false, violations);
    return violations;
  }

  private checkMembers(
    shapeId: string,
    value: Readonly<Record<string, unknown>>,
    prefix: string,
    sensitive: boolean,
    out: ConstraintViolation[],
  ): void {
    const shape = this.index.shape(shapeId);
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const path = prefix === "" ? name : `${prefix}.${name}`;
      const memberValue = value[name];
      const traits = effectiveTraits(this.index, member);
      const memberSensitive = sensitive || hasTrait(traits, "sensitive");
      if (memberValue === undefined) {
        // A required member with a default is filled in by the server, not rejected.
        if (shape.type !== "union" && hasTrait(member.traits, "required") && !hasTrait(traits, "default")) {
          out.push({ path, value: null, sensitive: memberSensitive, constraint: "Member must not be null" });
        }
        continue;
      }
      this.checkValue(member, memberValue, path, memberSensitive, out);
    }
  }

  /** Constraint failures of a scalar value, as AWS words them (without the path). */
  private scalarConstraints(member: MemberRef, value: unknown): string[] {
    const traits = effectiveTraits(this.index, member);
    const type = this.index.shape(member.target).type;
    const found: string[] = [];
    if (typeof value === "string") {
      found.push(...lengthViolations([...value].length, traits["smithy.api#length"] as Bounds | undefined));
      const pattern = traits["smithy.api#pattern"];
      if (typeof pattern === "string" && !compilePattern(pattern).test(value)) {
        found.push(`Member must satisfy regular expression pattern: ${pattern}`);
      }
    }
    if (value instanceof Uint8Array) {
      found.push(...lengthViolations(value.byteLength, traits["smithy.api#length"] as Bounds | undefined));
    }
    if (typeof value === "number" && type !== "timestamp") {
      found.push(...rangeViolations(value, traits["smithy.api#range"] as Bounds | undefined));
    }
    const allowed = enumValues(this.index, member, traits);
    if (allowed && !allowed.includes(String(value))) {
      found.push(`Member must satisfy enum value set: [${allowed.join(", ")}]`);
    }
    return found;
  }

  private checkValue(
    member: MemberRef,
    value: unknown,
    path: string,
    sensitive: boolean,
    out: ConstraintViolation[],
  ): void {
    const shape = this.index.shape(member.target);
    const traits = effectiveTraits(this.index, member);
    const isSensitive = sensitive || hasTrait(traits, "sensitive");
    if (value === null) {
      out.push({ path, value: null, sensitive: isSensitive, constraint: "Member must not be null" });
      return;
    }
    if (SCALAR_TYPES.has(shape.type)) {
      for (const constraint of this.scalarConstraints(member, value)) {
        out.push({ path, value, sensitive: isSensitive, constraint });
      }
      return;
    }
    switch (shape.type) {
      case "list":
      case "set": {
        const items = value as readonly unknown[];
        for (const constraint of lengthViolations(
          items.length,
          traits["smithy.api#length"] as Bounds | undefined,
        )) {
          out.push({ path, value, sensitive: isSensitive, constraint });
        }
        if (hasTrait(traits, "uniqueItems") || shape.type === "set") {
          const seen = new Set(items.map((item) => JSON.stringify(item)));
          if (seen.size !== items.length) {
            out.push({ path, value, sensitive: isSensitive, constraint: "Member must have unique items" });
          }
        }
        const item = shape.member;
        if (item) {
          items.forEach((entry, position) => {
            this.checkValue(item, entry, `${path}.${position + 1}.member`, isSensitive, out);
          });
        }
        return;
      }
      case "map":
        this.checkMap(member, value as Readonly<Record<string, unknown>>, path, isSensitive, out);
        return;
      case "structure":
      case "union":
        this.checkMembers(member.target, value as Readonly<Record<string, unknown>>, path, isSensitive, out);
        return;
      default:
        return;
    }
  }

  private checkMap(
    member: MemberRef,
    value: Readonly<Record<string, unknown>>,
    path: string,
    sensitive: boolean,
    out: ConstraintViolation[],
  ): void {
    const shape = this.index.shape(member.target);
    const traits = effectiveTraits(this.index, member);
    const entries = Object.entries(value);
    for (const constraint of lengthViolations(
      entries.length,
      traits["smithy.api#length"] as Bounds | undefined,
    )) {
      out.push({ path, value, sensitive, constraint });
    }
    // AWS folds the failures of map keys and scalar map values into one entry each for the map.
    const keyFailures = new Set<string>();
    const valueFailures = new Set<string>();
    for (const [key, entry] of entries) {
      if (shape.key)
        for (const constraint of this.scalarConstraints(shape.key, key)) keyFailures.add(constraint);
      if (!shape.value) continue;
      if (entry === null) {
        valueFailures.add("Member must not be null");
      } else if (SCALAR_TYPES.has(this.index.shape(shape.value.target).type)) {
        for (const constraint of this.scalarConstraints(shape.value, entry)) valueFailures.add(constraint);
      } else {
        this.checkValue(shape.value, entry, `${path}.${key}`, sensitive, out);
      }
    }
    if (keyFailures.size > 0) {
      const constraint = `Map keys must satisfy constraint: [${[...keyFailures].join(", ")}]`;
      out.push({ path, value, sensitive, constraint });
    }
    if (valueFailures.size > 0) {
      const constraint = `Map value must satisfy constraint: [${[...valueFailures].join(", ")}]`;
      out.push({ path, value, sensitive, constraint });
    }
  }
}
