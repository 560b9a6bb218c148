// The bare floor a validator is measured against: read the file in 1 MiB chunks and JSON.parse every
// line, nothing else. `node floor.mjs FILE` prints the record count; the bench times the process.
import { createReadStream } from "node:fs";
import { pathToFileURL } from "node:url";

/** Reads `path` and parses each non-empty line; returns the number of records. */
export async function floor(path) {
  let records = 0;
  let carry;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      const line = carry ? Buffer.concat([carry, chunk.subarray(0, nl)]) : chunk.subarray(start, nl);
      carry = undefined;
      if (line.length > 0) {
        JSON.parse(line.toString("utf8"));
        records++;
      }
      start = nl + 1;
    }
    if (start < chunk.length)
      carry = carry ? Buffer.concat([carry, chunk.subarray(start)]) : Buffer.from(chunk.subarray(start));
  }
  if (carry && carry.length > 0) {
    JSON.parse(carry.toString("utf8"));
    records++;
  }
  return records;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await floor(process.argv[2]));
}
