import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  createS3Client
} from "./chunk-WPJ5T766.js";
import "./chunk-BWDY3MZG.js";
import "./chunk-J3BOOJIZ.js";
import "./chunk-MD7VIVGE.js";
import "./chunk-CJMZ5K5I.js";
import "./chunk-3ZJ4CE23.js";
import "./chunk-KCCJD64M.js";
export {
  createS3Client
};
