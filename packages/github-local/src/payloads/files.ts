import type { JsonValue } from "../description/types";
import type { FileRecord, RepoRecord } from "../state/store";
import { encodePath, type Urls } from "./urls";

/** A `diff-entry`: one changed file of a pull request or a comparison, at commit `headSha`. */
export function diffEntry(file: FileRecord, repo: RepoRecord, headSha: string, urls: Urls): JsonValue {
  const path = encodePath(file.filename);
  const entry: { [key: string]: JsonValue } = {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.changes,
    blob_url: `${urls.web}/${repo.fullName}/blob/${headSha}/${path}`,
    raw_url: `${urls.web}/${repo.fullName}/raw/${headSha}/${path}`,
    contents_url: `${urls.api}/repos/${repo.fullName}/contents/${path}?ref=${headSha}`,
  };
  if (file.patch !== undefined) entry.patch = file.patch;
  if (file.previousFilename !== undefined) entry.previous_filename = file.previousFilename;
  return entry;
}
