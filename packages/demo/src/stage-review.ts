import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VALIDATE_MARKER } from "@tunegate/core";
import type { CommentSnapshot } from "@tunegate/github-local";
import { type ActionRun, type Annotation, GitRepo } from "@tunegate/testkit";
import { Checks } from "./checks";
import {
  baseFiles,
  OWNER,
  PR_BRANCH,
  PR_NUMBER,
  PR_TITLE,
  prTrain,
  REPO,
  REPOSITORY,
  TRAIN,
} from "./fixtures";
import { checkItem, type LoopContext, pullRequestEvent } from "./loop-context";
import { TOKEN } from "./world";

/** The pull request under review: where it lives, its base, and the validate comment on it. */
export interface PullRequest {
  origin: GitRepo;
  baseSha: string;
  /** Lines of the training file on the base branch: the pull request's records come after them. */
  baseLines: number;
  validateComment: CommentSnapshot;
}

/** Step 1: alice opens the pull request; the validate action fails it, annotated, with one comment. */
export async function openPullRequest(ctx: LoopContext): Promise<PullRequest> {
  const { root, world, narrator, result, timeline, comments, showComments } = ctx;
  const { github } = world;
  narrator.step(1, `alice opens pull request #${PR_NUMBER}: "${PR_TITLE}"`);
  const origin = new GitRepo(mkdtempSync(join(tmpdir(), "origin-")));
  origin.write(baseFiles(root));
  const baseSha = origin.commit("Support-router datasets and tunegate.yml");
  origin.git("config", "uploadpack.allowAnySHA1InWant", "true");
  origin.checkout(PR_BRANCH, true);
  origin.write({ [TRAIN]: prTrain(root, true) });
  const headSha = origin.commit("Add warranty, parcel-locker and data-export tickets");
  narrator.say(
    `It adds 7 tickets to ${TRAIN}; five of them have a mistake a reviewer could miss: a reply under the role "agent", a ticket pasted from an older dataset in the Claude 3 Haiku format, a customer's e-mail address, a reply without its ROUTE label, and a ticket copied from the validation set.`,
  );
  github.addPullRequest({
    owner: OWNER,
    repo: REPO,
    number: PR_NUMBER,
    title: PR_TITLE,
    user: "alice",
    head: { sha: headSha, ref: PR_BRANCH },
    base: { sha: baseSha, ref: "main" },
    files: [{ filename: TRAIN, status: "modified", additions: 7 }],
  });
  timeline.push({
    kind: "event",
    icon: "open",
    actor: "alice",
    text: `opened this pull request: 1 commit to \`${TRAIN}\``,
  });

  const validate = (sha: string) => validatePullRequest(ctx, origin, sha, baseSha);

  const before = comments();
  const first = await validate(headSha);
  timeline.push(checkItem("tunegate validate", first));
  showComments(before);
  const firstChecks = new Checks("the pull request's first validation");
  firstChecks.equal(first.code, 1, "the check fails: the pull request has errors");
  firstChecks.equal(first.outputs.valid, "false", "output valid is false");
  firstChecks.that(
    Number(first.outputs.errors) >= 2,
    "at least the two broken records are errors",
    `errors=${first.outputs.errors}`,
  );
  const newLines = (from: number) => (a: Annotation) =>
    a.properties.file === TRAIN && Number(a.properties.line) >= from;
  const baseLines = baseFiles(root)[TRAIN]!.trimEnd().split("\n").length;
  firstChecks.that(
    first.annotations.filter((a) => a.level === "error").filter(newLines(baseLines + 1)).length >= 2,
    "errors are annotated on the new records' lines",
  );
  firstChecks.equal(result.comments.length, 1, "one comment on the pull request");
  firstChecks.that(
    result.comments[0]?.body.startsWith(VALIDATE_MARKER) === true,
    "it is the validate comment",
  );
  narrator.checks(firstChecks);
  firstChecks.done();
  const validateComment = result.comments[0]!;
  timeline.push({ kind: "comment", id: validateComment.id });
  return { origin, baseSha, baseLines, validateComment };
}

/** Step 2: alice pushes a fix; the same comment is edited and the check passes. */
export async function pushFix(ctx: LoopContext, pr: PullRequest): Promise<void> {
  const { root, world, narrator, result, timeline, comments, showComments } = ctx;
  const { github } = world;
  const { origin, baseSha, validateComment } = pr;
  const validate = (sha: string) => validatePullRequest(ctx, origin, sha, baseSha);
  narrator.step(2, "alice pushes a fix to the pull request");
  origin.write({ [TRAIN]: prTrain(root, false) });
  const headSha = origin.commit(
    "Fix the broken tickets: assistant role, Nova format, no e-mail, no validation copy",
  );
  github.updatePullRequest(OWNER, REPO, PR_NUMBER, {
    headSha,
    files: [{ filename: TRAIN, status: "modified", additions: 6 }],
  });
  narrator.say(
    "The reply's role, the pasted ticket's format, the e-mail address and the copied ticket are fixed; one reply still has no label (a notice, not an error).",
  );
  timeline.push({
    kind: "event",
    icon: "push",
    actor: "alice",
    text: `pushed 1 commit: “Fix the broken tickets” (${headSha.slice(0, 7)})`,
  });
  const before = comments();
  const second = await validate(headSha);
  timeline.push(checkItem("tunegate validate", second));
  showComments(before);
  const secondChecks = new Checks("the validation after the fix");
  secondChecks.equal(second.code, 0, "the check passes");
  secondChecks.equal(second.outputs.valid, "true", "output valid is true");
  secondChecks.equal(second.outputs.errors, "0", "no errors are left");
  secondChecks.equal(result.comments.length, 1, "still one comment on the pull request");
  secondChecks.equal(result.comments[0]?.id, validateComment.id, "the same comment was updated");
  secondChecks.equal(result.comments[0]?.edits, 1, "edited once");
  secondChecks.includes(
    result.comments[0]?.body ?? "",
    "Merging starts one Bedrock model customization job",
    "it says what merging will start",
  );
  narrator.checks(secondChecks);
  secondChecks.done();
}

/** The validate action on the pull request at `sha`, from a fresh checkout of its branch. */
function validatePullRequest(
  ctx: LoopContext,
  origin: GitRepo,
  sha: string,
  baseSha: string,
): Promise<ActionRun> {
  const { world, actionPath, checkout, run } = ctx;
  const { github } = world;
  return run("tunegate validate", {
    script: actionPath("validate"),
    workspace: checkout(origin, PR_BRANCH),
    repository: REPOSITORY,
    apiUrl: github.url,
    eventName: "pull_request",
    event: pullRequestEvent(sha, baseSha),
    sha,
    ref: `refs/pull/${PR_NUMBER}/merge`,
    inputs: {
      config: "tunegate.yml",
      "github-token": TOKEN,
      comment: "true",
      "fail-on": "error",
      all: "false",
      sarif: "",
    },
    env: { TMPDIR: world.root },
  });
}
