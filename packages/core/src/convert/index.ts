export { type DecodedImage, decodeImage, type MediaSink } from "./media";
export type { Block, Chat, ChatMessage, Loss, MediaSource } from "./model";
export { detectFormat, READERS, SOURCE_FORMATS, type SourceFormat } from "./readers";
export {
  type ConvertOptions,
  type ConvertReport,
  type ConvertTarget,
  convertDataset,
  isSourceFormat,
  type RecordNote,
  resolveTarget,
  TARGET_NAMES,
} from "./run";
export { type TargetFormat, type TargetSupport, WRITERS } from "./writers";
