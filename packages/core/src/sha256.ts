import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * SHA-256 (lowercase hex) of a string's UTF-8 bytes, for the small identities core derives (job names,
 * training keys, SARIF fingerprints). A JavaScript implementation, so core needs no `node:crypto`;
 * file digests are streamed by @tunegate/files with node's own.
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
