import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  DEFAULT_PART_SIZE,
  DEFAULT_QUEUE_SIZE,
  MIN_PART_SIZE,
  SHA256_METADATA_KEY,
  uploadDataset
} from "./chunk-NF5JRNDA.js";
import "./chunk-Q5UB2BWW.js";
import "./chunk-MKUFDRPV.js";
import "./chunk-WTWSW6HL.js";
import "./chunk-YJHR75G7.js";
import "./chunk-NVIAX47T.js";
import "./chunk-WCTOR5IS.js";
import "./chunk-RTQXLPC3.js";
import "./chunk-KCCJD64M.js";
export {
  DEFAULT_PART_SIZE,
  DEFAULT_QUEUE_SIZE,
  MIN_PART_SIZE,
  SHA256_METADATA_KEY,
  uploadDataset
};
