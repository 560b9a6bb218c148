import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A 12-character lowercase id, the form AWS uses at the end of job, model and throughput ARNs. */
export function resourceId(): string {
  return [...randomBytes(12)].map((byte) => ALPHABET[byte % ALPHABET.length]).join("");
}
