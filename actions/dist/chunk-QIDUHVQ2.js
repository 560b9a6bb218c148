import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  DEFAULT_PART_SIZE,
  DEFAULT_QUEUE_SIZE,
  MIN_PART_SIZE,
  SHA256_METADATA_KEY,
  uploadDataset
} from "./chunk-IX62IAKO.js";
import "./chunk-J3BOOJIZ.js";
import "./chunk-MKUFDRPV.js";
import "./chunk-MD7VIVGE.js";
import "./chunk-YJHR75G7.js";
import "./chunk-NVIAX47T.js";
import "./chunk-CJMZ5K5I.js";
import "./chunk-3ZJ4CE23.js";
import "./chunk-KCCJD64M.js";
export {
  DEFAULT_PART_SIZE,
  DEFAULT_QUEUE_SIZE,
  MIN_PART_SIZE,
  SHA256_METADATA_KEY,
  uploadDataset
};
