export { COMMANDS, type Command, type CommandEntry } from "./commands/index";
export { EXIT, type Io, type OutputStream, UsageError } from "./io";
export { main, topHelp } from "./main";
export { colorEnabled, PROGRESS_MIN_BYTES, type ProgressBar, progressBar } from "./terminal";
export { VERSION } from "./version";
