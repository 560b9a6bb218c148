import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type DecodedImage, decodeImage, resolveTarget } from "../src/index";
import { convertDataset } from "./engine";
import { catalog, tempFile } from "./support";

const PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const JPEG_BASE64 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]).toString("base64");

const record = (url: string) =>
  JSON.stringify({
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: "Which queue?" },
          { type: "image_url", image_url: { url } },
        ],
      },
      { role: "assistant", content: "ROUTE: billing" },
    ],
  });

async function convert(lines: string[], to: string, lossy = false) {
  const input = tempFile(`${lines.join("\n")}\n`, "in.jsonl");
  const output = tempFile("", "out.jsonl");
  const seen: DecodedImage[] = [];
  const report = await convertDataset(input, output, {
    target: resolveTarget(to, catalog),
    lossy,
    media: async (image) => {
      seen.push(image);
      return `s3://bucket/media/${seen.length}.${image.format}`;
    },
  });
  const out = readFileSync(output, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { report, out, seen };
}

describe("decodeImage", () => {
  it("decodes an image whose bytes are of its format, jpg spelt as jpeg", () => {
    const png = decodeImage(PNG_BASE64, "png");
    expect(typeof png === "object" && png.format).toBe("png");
    expect(typeof png === "object" && Buffer.from(png.bytes).toString("base64")).toBe(PNG_BASE64);
    const jpeg = decodeImage(JPEG_BASE64, "jpg");
    expect(typeof jpeg === "object" && jpeg.format).toBe("jpeg");
  });

  it("says why an image does not decode", () => {
    expect(decodeImage("@@@@", "png")).toBe("its base64 does not decode");
    expect(decodeImage("abc", "png")).toBe("its base64 does not decode");
    expect(decodeImage(JPEG_BASE64, "png")).toBe("its bytes are not a png image");
    expect(decodeImage(PNG_BASE64, "bmp")).toBe('its format "bmp" is none of png, jpeg, gif, webp');
  });
});

describe("convert with a media sink", () => {
  it("replaces inline images by the sink's URIs for a Converse target, in line order", async () => {
    const { report, out, seen } = await convert(
      [record(`data:image/png;base64,${PNG_BASE64}`), record(`data:image/jpeg;base64,${JPEG_BASE64}`)],
      "amazon.nova-lite-v1:0:300k",
    );
    expect(report.notes).toEqual([]);
    expect(seen.map((s) => s.format)).toEqual(["png", "jpeg"]);
    expect(out.map((r) => r.messages[0].content[1])).toEqual([
      { image: { format: "png", source: { s3Location: { uri: "s3://bucket/media/1.png" } } } },
      { image: { format: "jpeg", source: { s3Location: { uri: "s3://bucket/media/2.jpeg" } } } },
    ]);
  });

  it("leaves a target that carries inline images as it was: the sink is not called", async () => {
    const url = `data:image/png;base64,${PNG_BASE64}`;
    const { out, seen } = await convert([record(url)], "openai");
    expect(seen).toEqual([]);
    expect(out[0].messages[0].content[1]).toEqual({ type: "image_url", image_url: { url } });
  });

  it("with --lossy, writes a record without the image that does not decode, and says so at its line", async () => {
    const { report, out, seen } = await convert(
      [record(`data:image/png;base64,${JPEG_BASE64}`)],
      "amazon.nova-lite-v1:0:300k",
      true,
    );
    expect(seen).toEqual([]);
    expect(report.notes).toEqual([
      {
        line: 1,
        written: true,
        losses: [
          {
            path: "messages[0].content[1]",
            what: "an inline image that cannot be uploaded: its bytes are not a png image",
          },
        ],
      },
    ]);
    expect(out[0].messages[0].content).toEqual([{ text: "Which queue?" }]);
  });
});
