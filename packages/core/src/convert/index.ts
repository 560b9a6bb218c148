export { type DecodedImage, decodeImage, type MediaSink } from "./media";
export type { Block, Chat, ChatMessage, Loss, MediaSource } from "./model";
export { detectFormat, READERS, SOURCE_FORMATS, type SourceFormat } from "./readers";
export {
  type ConvertIo,
  type ConvertOptions,
  type ConvertReport,
  type ConvertTarget,
  convertRecords,
  isSourceFormat,
  type RecordNote,
  resolveTarget,
  TARGET_NAMES,
} from "./run";
export { type TargetFormat, type TargetSupport, WRITERS } from "./writers";
