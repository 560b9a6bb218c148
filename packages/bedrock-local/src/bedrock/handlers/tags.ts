// Tags on jobs, custom models and provisioned throughputs.
import { type OperationHandler, typedHandler as typed } from "../../smithy/server.js";
import type { Tag } from "../state.js";
import { checkTagCount, type HandlerContext, notFound } from "./common.js";

function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const merged = new Map(existing.map((tag) => [tag.key, tag.value]));
  for (const tag of added) merged.set(tag.key, tag.value);
  return [...merged].map(([key, value]) => ({ key, value }));
}

export function tagHandlers({ state }: HandlerContext): Record<string, OperationHandler> {
  function requireTaggable(resourceArn: string): { tags: Tag[] } {
    const resource = state.taggable(resourceArn);
    if (!resource) throw notFound(`Could not find resource ${resourceArn}`);
    return resource;
  }

  return {
    ListTagsForResource: typed<{ resourceARN: string }>((input) => ({
      tags: requireTaggable(input.resourceARN).tags,
    })),

    TagResource: typed<{ resourceARN: string; tags: readonly Tag[] }>((input) => {
      const resource = requireTaggable(input.resourceARN);
      const merged = mergeTags(resource.tags, input.tags);
      checkTagCount(input.resourceARN, merged.length);
      resource.tags = merged;
      return {};
    }),

    UntagResource: typed<{ resourceARN: string; tagKeys: readonly string[] }>((input) => {
      const resource = requireTaggable(input.resourceARN);
      resource.tags = resource.tags.filter((tag) => !input.tagKeys.includes(tag.key));
      return {};
    }),
  };
}
