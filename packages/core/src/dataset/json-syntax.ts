/**
 * Where and why a line is not valid JSON. JSON.parse says neither consistently across Node versions
 * (and quotes the line's text, which may hold secrets), so this scanner runs on the lines it rejected.
 * Iterative, so deeply nested input cannot overflow the stack.
 */
export interface JsonSyntaxError {
  /** 0-based index in the line (UTF-16). */
  index: number;
  reason: string;
}

const WS = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ["true", "false", "null"] as const;

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  const fail = (reason: string, at = i): JsonSyntaxError => ({ index: at, reason });
  const describe = (at: number) =>
    at >= text.length ? "the end of the line" : `${JSON.stringify(text[at])}`;

  /** Scans a string starting at its quote; returns an error or undefined with `i` past the string. */
  const scanString = (): JsonSyntaxError | undefined => {
    const start = i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return undefined;
      }
      if (c < 0x20)
        return fail("a control character (such as a raw tab or newline) inside a string must be escaped");
      if (c === 92) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            return fail("\\u must be followed by four hex digits");
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return fail(`invalid escape \\${e ?? ""} in a string`);
      } else i++;
    }
    return fail("a string is not closed", start);
  };

  /** Scans one scalar value at `i`, or reports what was expected. */
  const scanScalar = (): JsonSyntaxError | undefined => {
    const c = text[i];
    if (c === '"') return scanString();
    for (const lit of LITERALS) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return undefined;
      }
    }
    NUMBER.lastIndex = i;
    if (c !== undefined && (c === "-" || (c >= "0" && c <= "9")) && NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return undefined;
    }
    if (c === "'") return fail("strings must use double quotes");
    return fail(`expected a value, found ${describe(i)}`);
  };

  // The stack holds the open containers; after each value we decide what may follow.
  const stack: ("{" | "[")[] = [];
  skip();
  if (i >= text.length) return fail("the line holds no JSON");
  for (;;) {
    // Expect a value.
    skip();
    const c = text[i];
    if (c === "{" || c === "[") {
      stack.push(c);
      i++;
      skip();
      const close = c === "{" ? "}" : "]";
      if (text[i] === close) {
        stack.pop();
        i++;
      } else if (c === "{") {
        const keyError = scanKey();
        if (keyError) return keyError;
        continue;
      } else continue;
    } else {
      const err = scanScalar();
      if (err) return err;
    }
    // After a value: a separator, a closer, or the end.
    for (;;) {
      skip();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        return i < text.length ? fail(`unexpected ${describe(i)} after the end of the record`) : undefined;
      }
      const close = top === "{" ? "}" : "]";
      if (text[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ",") return fail(`expected "," or "${close}", found ${describe(i)}`);
      i++;
      skip();
      if (text[i] === close) return fail(`a trailing comma before "${close}"`, i - 1);
      if (top === "{") {
        const keyError = scanKey();
        if (keyError) return keyError;
      }
      break;
    }
  }

  function scanKey(): JsonSyntaxError | undefined {
    skip();
    if (text[i] !== '"') {
      return fail(`expected a property name in double quotes, found ${describe(i)}`);
    }
    const err = scanString();
    if (err) return err;
    skip();
    if (text[i] !== ":") return fail(`expected ":" after the property name, found ${describe(i)}`);
    i++;
    return undefined;
  }
}
