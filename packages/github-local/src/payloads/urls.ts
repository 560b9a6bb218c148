/** Where payload links point: API links to the stand-in (clients follow them), web links to the site. */
export interface Urls {
  api: string;
  web: string;
}

/**
 * GitHub's legacy global node id: base64 of `0<length of type>:<Type><id>`, e.g. `04:User1` ->
 * `MDQ6VXNlcjE=` (the example in the description), so ids look like the ones clients store.
 */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString("base64");
}

export function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
