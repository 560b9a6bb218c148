import type { Chat, Loss } from "./model";

/** Image formats Bedrock's Converse training records name, with the bytes each file starts with. */
const SIGNATURES: Record<string, (b: Uint8Array) => boolean> = {
  png: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x),
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  gif: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38,
  webp: (b) =>
    String.fromCharCode(...b.subarray(0, 4)) === "RIFF" &&
    String.fromCharCode(...b.subarray(8, 12)) === "WEBP",
};
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** An inline image, decoded and checked against its format's signature. */
export interface DecodedImage {
  bytes: Uint8Array;
  /** png, jpeg, gif or webp: the Converse `format`, and the extension of its object key. */
  format: string;
}

/**
 * Where decoded images go: gives the `s3://` URI an image is (or would be, on a dry run) stored at. The
 * conversion stays free of I/O; the caller decides how bytes reach S3.
 */
export type MediaSink = (image: DecodedImage) => Promise<string>;

/** Decodes an inline base64 image, or says why it is not one (the reason is reported at its line). */
export function decodeImage(base64: string, format: string | undefined): DecodedImage | string {
  const text = base64.replace(/\s+/g, "");
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) return "its base64 does not decode";
  const name = format === "jpg" ? "jpeg" : format;
  const check = name === undefined ? undefined : SIGNATURES[name];
  if (!check)
    return `its format ${JSON.stringify(format ?? "")} is none of ${Object.keys(SIGNATURES).join(", ")}`;
  const bytes = Buffer.from(text, "base64");
  if (!check(bytes)) return `its bytes are not a ${name} image`;
  return { bytes, format: name! };
}

/**
 * Replaces each inline image of the record with the S3 URI the sink stores it at. An image that does not
 * decode is removed and reported, so the record is refused (or, with --lossy, written without it).
 * Returns undefined when the record holds no inline image, so records without one stay synchronous.
 */
export function uploadInlineImages(chat: Chat, sink: MediaSink, losses: Loss[]): Promise<void> | undefined {
  const pending: Promise<void>[] = [];
  chat.messages.forEach((m, i) => {
    m.content = m.content.filter((b, j) => {
      if (b.type !== "image" || !("base64" in b.source)) return true;
      const decoded = decodeImage(b.source.base64, b.format);
      if (typeof decoded === "string") {
        losses.push({
          path: b.at ?? `messages[${i}].content[${j}]`,
          what: `an inline image that cannot be uploaded: ${decoded}`,
        });
        return false;
      }
      b.format = decoded.format;
      pending.push(
        sink(decoded).then((uri) => {
          b.source = { s3: uri };
        }),
      );
      return true;
    });
  });
  return pending.length > 0 ? Promise.all(pending).then(() => undefined) : undefined;
}
