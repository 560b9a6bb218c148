import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  createS3Client
} from "./chunk-OFAPBH6V.js";
import "./chunk-BWDY3MZG.js";
import "./chunk-Q5UB2BWW.js";
import "./chunk-WTWSW6HL.js";
import "./chunk-WCTOR5IS.js";
import "./chunk-RTQXLPC3.js";
import "./chunk-KCCJD64M.js";
export {
  createS3Client
};
