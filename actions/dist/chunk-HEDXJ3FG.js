import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  createS3Client
} from "./chunk-TFKN33JU.js";
import "./chunk-BWDY3MZG.js";
import "./chunk-WK4JTGHP.js";
import "./chunk-SQXNSVF3.js";
import "./chunk-CJMZ5K5I.js";
import "./chunk-3ZJ4CE23.js";
import "./chunk-KCCJD64M.js";
export {
  createS3Client
};
