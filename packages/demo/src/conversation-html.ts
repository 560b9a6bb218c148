// The pull request's conversation as one self-contained HTML page: events, checks and comments in
// order, each comment's Markdown rendered with marked (GitHub-flavoured, line breaks kept as GitHub
// does in comments) and its Mermaid charts drawn in the page by mermaid's browser bundle, inlined so the
// page needs no network. A chart that does not parse is shown as GitHub shows it: "Unable to render
// rich display", with the parser's message.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { CommentSnapshot } from "@tunegate/github-local";
import { Marked, type Tokens } from "marked";
import type { LoopResult, TimelineItem } from "./loop";

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

function markdownRenderer(): Marked {
  return new Marked({
    gfm: true,
    breaks: true,
    renderer: {
      blockquote(token: Tokens.Blockquote) {
        const inner = this.parser.parse(token.tokens);
        // GitHub's alerts: a quote that starts "[!NOTE]" (TIP, IMPORTANT, WARNING, CAUTION) is a titled box.
        const alert = /^<p>\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\](?:<br>)?\s*/.exec(inner);
        if (!alert) return `<blockquote>\n${inner}</blockquote>\n`;
        const kind = alert[1]!.toLowerCase();
        const title = kind[0]!.toUpperCase() + kind.slice(1);
        return `<div class="markdown-alert markdown-alert-${kind}"><p class="markdown-alert-title">${title}</p><p>${inner.slice(alert[0].length)}</div>\n`;
      },
      code(token: Tokens.Code) {
        if (token.lang === "mermaid") return `<pre class="mermaid">${escapeHtml(token.text)}</pre>\n`;
        const lang = token.lang ? ` class="language-${escapeHtml(token.lang)}"` : "";
        return `<pre><code${lang}>${escapeHtml(token.text)}</code></pre>\n`;
      },
    },
  });
}

/** mermaid.min.js, made safe to inline in a <script> element. */
function mermaidBundle(): string {
  const path = createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js");
  return readFileSync(path, "utf8")
    .replace(/<!--/g, "\\x3C!--")
    .replace(/<\/script/gi, "\\x3C/script");
}

const ICONS: Record<Extract<TimelineItem, { kind: "event" }>["icon"], string> = {
  open: "◯",
  push: "↑",
  merge: "⑂",
  clock: "◷",
  deploy: "⚙",
};

function commentCard(marked: Marked, comment: CommentSnapshot): string {
  const edited = comment.edits > 0 ? ` · <span class="edited">edited ${comment.edits}×</span>` : "";
  const history =
    comment.previousBodies.length === 0
      ? ""
      : `<details class="history"><summary>Earlier version${comment.previousBodies.length === 1 ? "" : "s"} of this comment (${comment.previousBodies.length})</summary>${comment.previousBodies
          .map(
            (body, i) =>
              `<div class="earlier"><div class="earlier-label">Version ${i + 1}</div><div class="markdown-body">${marked.parse(body) as string}</div></div>`,
          )
          .join("")}</details>`;
  return `<div class="comment" id="comment-${comment.id}">
<div class="comment-header"><span class="avatar" aria-hidden="true"></span><strong>${escapeHtml(comment.user)}</strong> <span class="bot">bot</span> commented${edited}</div>
<div class="markdown-body">${marked.parse(comment.body) as string}</div>
${history}
</div>`;
}

function timelineHtml(marked: Marked, result: LoopResult): string {
  const byId = new Map(result.comments.map((c) => [c.id, c]));
  return result.timeline
    .map((item) => {
      switch (item.kind) {
        case "event":
          return `<div class="event"><span class="icon">${ICONS[item.icon]}</span><strong>${escapeHtml(item.actor)}</strong> ${marked.parseInline(item.text) as string}</div>`;
        case "check": {
          const annotations = item.annotations
            .map(
              (a) =>
                `<li class="${a.level}"><span class="level">${a.level}</span> ${a.properties.file ? `<code>${escapeHtml(a.properties.file)}${a.properties.line ? `:${escapeHtml(a.properties.line)}` : ""}</code> ` : ""}${escapeHtml(a.message.split("\n")[0]!)}</li>`,
            )
            .join("");
          return `<div class="check ${item.ok ? "ok" : "failed"}"><span class="icon">${item.ok ? "✔" : "✘"}</span><strong>${escapeHtml(item.name)}</strong> — ${escapeHtml(item.summary)}${annotations ? `<details><summary>Annotations</summary><ul class="annotations">${annotations}</ul></details>` : ""}</div>`;
        }
        case "comment": {
          const comment = byId.get(item.id);
          return comment ? commentCard(marked, comment) : "";
        }
        default:
          return "";
      }
    })
    .join("\n");
}

const STYLE = `
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", "DejaVu Sans"; color: #1f2328; margin: 0; background: #fff; }
main { max-width: 980px; margin: 24px auto; padding: 0 16px; }
h1.title { font-size: 26px; font-weight: 400; margin: 0 0 8px; } h1.title .number { color: #59636e; }
.state { display: inline-block; background: #8250df; color: #fff; border-radius: 2em; padding: 4px 12px; font-weight: 600; margin-right: 8px; }
.meta { color: #59636e; border-bottom: 1px solid #d1d9e0; padding-bottom: 16px; margin-bottom: 16px; }
.event, .check { margin: 12px 0 12px 16px; color: #59636e; }
.event .icon, .check .icon { display: inline-block; width: 24px; text-align: center; margin-right: 6px; }
.check.ok .icon { color: #1a7f37; } .check.failed .icon { color: #d1242f; }
.annotations { margin: 6px 0 0; padding-left: 36px; } .annotations .level { font-weight: 600; }
.annotations .error .level { color: #d1242f; } .annotations .warning .level { color: #9a6700; }
.comment { border: 1px solid #d1d9e0; border-radius: 6px; margin: 16px 0; }
.comment-header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; color: #59636e; border-radius: 6px 6px 0 0; }
.comment-header strong { color: #1f2328; } .bot { border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 6px; font-size: 12px; }
.avatar { display: inline-block; width: 20px; height: 20px; border-radius: 50%; background: #2da44e; vertical-align: middle; margin-right: 8px; }
.markdown-body blockquote { margin: 0 0 16px; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
.markdown-alert { padding: 8px 16px; margin-bottom: 16px; border-left: .25em solid #0969da; }
.markdown-alert > p { margin: 4px 0; } .markdown-alert-title { font-weight: 600; color: #0969da; }
.markdown-alert-warning, .markdown-alert-caution { border-color: #9a6700; } .markdown-alert-warning .markdown-alert-title, .markdown-alert-caution .markdown-alert-title { color: #9a6700; }
.markdown-body { padding: 16px; overflow-x: auto; }
.markdown-body h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
.markdown-body h3 { font-size: 1.25em; } .markdown-body h4 { font-size: 1em; }
.markdown-body table { border-collapse: collapse; margin: 0 0 16px; display: block; overflow-x: auto; }
.markdown-body th, .markdown-body td { border: 1px solid #d1d9e0; padding: 6px 13px; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body code { background: #eff1f3; border-radius: 6px; padding: .2em .4em; font-size: 85%; }
.markdown-body pre { background: #f6f8fa; border-radius: 6px; padding: 16px; overflow: auto; }
.markdown-body pre code { background: none; padding: 0; }
.markdown-body pre.mermaid { background: #fff; text-align: center; }
.markdown-body details { margin: 0 0 16px; } .markdown-body summary { cursor: pointer; }
.unable { border: 1px solid #d1242f; color: #d1242f; border-radius: 6px; padding: 12px; }
.history { margin: 0 16px 16px; color: #59636e; } .history .markdown-body { padding: 8px 0; color: #1f2328; } .earlier { border-left: 3px solid #d1d9e0; padding-left: 12px; margin-top: 8px; }
.earlier-label { font-weight: 600; }
footer { color: #59636e; font-size: 12px; margin: 32px 0; }
`;

/**
 * The page. A strict Content-Security-Policy lets only its own two scripts run (by nonce) and loads
 * nothing from anywhere, so no HTML in a comment can run code or call out.
 */
export function conversationHtml(result: LoopResult, options: { generatedAt: Date }): string {
  const marked = markdownRenderer();
  const nonce = randomBytes(16).toString("base64");
  const pr = result.pullRequest;
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src data:; font-src data:`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(pr.title)} · Pull Request #${pr.number} · tunegate demo</title>
<style>${STYLE}</style>
</head>
<body data-mermaid="pending">
<main>
<h1 class="title">${escapeHtml(pr.title)} <span class="number">#${pr.number}</span></h1>
<div class="meta"><span class="state">Merged</span><strong>${escapeHtml(pr.author)}</strong> merged into <code>main</code> from <code>${escapeHtml(pr.branch)}</code></div>
${timelineHtml(marked, result)}
<footer>Played by <code>npm run demo</code> on ${escapeHtml(options.generatedAt.toISOString())} against local stand-ins of GitHub, S3 and Amazon Bedrock.</footer>
</main>
<script nonce="${nonce}">${mermaidBundle()}</script>
<script nonce="${nonce}">
(async () => {
  const blocks = [...document.querySelectorAll("pre.mermaid")];
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default" });
  let failed = 0;
  for (const block of blocks) {
    try {
      await mermaid.parse(block.textContent);
    } catch (err) {
      failed++;
      const box = document.createElement("div");
      box.className = "unable";
      box.textContent = "Unable to render rich display: " + (err && err.message ? err.message : String(err));
      block.replaceWith(box);
    }
  }
  const good = [...document.querySelectorAll("pre.mermaid")];
  if (good.length > 0) await mermaid.run({ nodes: good, suppressErrors: true });
  document.body.dataset.mermaidFailed = String(failed);
  document.body.dataset.mermaid = "done";
})();
</script>
</body>
</html>
`;
}
