import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  require_dist_cjs
} from "./chunk-5ENMBIVW.js";
import "./chunk-WTWSW6HL.js";
import "./chunk-WCTOR5IS.js";
import "./chunk-RTQXLPC3.js";
import "./chunk-KCCJD64M.js";
export default require_dist_cjs();
