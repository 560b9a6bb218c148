import type { BaseModel } from "../catalog/schema";
import type { Conversation, RecordFinding } from "./conversation";
import { defineRule, formatPath, type PathSegment } from "./define";

/**
 * Rules of the Amazon Nova family (Nova Micro, Lite, Pro and Nova 2 Lite) on top of the Converse
 * format's: what Nova accepts inside a well-formed record.
 */
const formats = ["bedrock-conversation-2024"] as const;
const image = '{"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}';
const video = '{"video": {"format": "mp4", "source": {"s3Location": {"uri": "s3://my-bucket/call.mp4"}}}}';
const record = (user: string) =>
  `{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Is this a refund?"}, ${user}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}`;

export const novaRules = {
  imageAndVideo: defineRule({
    id: "nova/image-and-video",
    severity: "error",
    title: "A record holds images or a video, not both",
    hint: "Split the record in two: one with the images, one with the video.",
    formats,
    example: { bad: record(`${image}, ${video}`), good: record(image) },
  }),
};

/** Families whose records follow these rules. */
export function isNova(model: BaseModel): boolean {
  return model.family === "nova" || model.family === "nova-2";
}

/** The record's first image and first video, and which of them comes first in reading order. */
export function firstMedia(conv: Conversation): {
  image?: PathSegment[];
  video?: PathSegment[];
  first?: "image" | "video";
} {
  const found: { image?: PathSegment[]; video?: PathSegment[]; first?: "image" | "video" } = {};
  for (const turn of conv.turns) {
    for (const part of turn.parts) {
      if (part.kind !== "image" && part.kind !== "video") continue;
      found[part.kind] ??= part.path;
      found.first ??= part.kind;
    }
  }
  return found;
}

export function checkNova(conv: Conversation, report: (f: RecordFinding) => void): void {
  const { image, video, first } = firstMedia(conv);
  if (image === undefined || video === undefined) return;
  // Point at whichever came second: the first one set what the record is.
  report({
    rule: novaRules.imageAndVideo.id,
    path: first === "image" ? video : image,
    message: `The record holds both an image (${formatPath(image)}) and a video (${formatPath(video)}); Nova takes one kind of media per record.`,
  });
}
