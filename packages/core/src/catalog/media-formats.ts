/**
 * The image and video formats a model takes when its catalog entry names none: the schema's defaults
 * (schema.ts) and the built-in entries (models.ts) both read them here, so the two cannot drift.
 */
export const IMAGE_FORMATS = ["png", "jpeg", "gif", "webp"] as const;
export const VIDEO_FORMATS = ["mp4", "mov", "mkv", "webm", "flv", "mpeg", "mpg", "wmv", "3gp"] as const;
