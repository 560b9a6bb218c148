// The demo's dataset repository: the shipped support-router example (Amazon Nova Lite, which trains
// today), a held-out evaluation set, the records a pull request adds, first with mistakes, then fixed,
// and the same tickets in the Claude 3 Haiku format, which the train step refuses (AWS retired it).
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const OWNER = "acme";
export const REPO = "support-data";
export const REPOSITORY = `${OWNER}/${REPO}`;
export const MODEL = "support-router";
export const BUCKET = "acme-tunegate-demo";
export const ROLE_ARN = "arn:aws:iam::123456789012:role/TunegateBedrockCustomization";
export const NOVA_LITE = "amazon.nova-lite-v1:0:300k";
/** What the evaluation compares the custom model with: the base model on demand. */
export const NOVA_LITE_ON_DEMAND = "amazon.nova-lite-v1:0";
/** The seed format's model: legacy since 2026-03-10, end-of-life 2026-09-10 (AWS). */
export const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0:200k";
export const HAIKU_MODEL = "support-router-claude-3-haiku";
export const HAIKU_REGION = "us-west-2";
export const PR_NUMBER = 7;
export const PR_BRANCH = "warranty-and-locker-tickets";
export const PR_TITLE = "Route warranty, locker and data-export tickets";
/** The production deployment (deploy.name in tunegate.yml). */
export const PRODUCTION = "support-router-prod";
/** The second merge: more tickets, and a model that turns out worse. */
export const SECOND_PR = 8;
export const SECOND_BRANCH = "subscription-tickets";
export const SECOND_TITLE = "More subscription tickets";

export const TRAIN = `datasets/${MODEL}/train.jsonl`;
export const VALIDATION = `datasets/${MODEL}/validation.jsonl`;
export const EVALUATION = `datasets/${MODEL}/evaluation.jsonl`;
export const HAIKU_TRAIN = `datasets/${HAIKU_MODEL}/train.jsonl`;

export const CONFIG = `version: 1
defaults:
  region: us-east-1
  s3:
    bucket: ${BUCKET}
    prefix: tunegate/
  roleArn: ${ROLE_ARN}
  tags:
    team: support
models:
  ${MODEL}:
    baseModel: ${NOVA_LITE}
    training: ${TRAIN}
    validation: ${VALIDATION}
    evaluation: ${EVALUATION}
    labels: "^ROUTE: (\\\\S+)"
    hyperparameters:
      epochCount: 3
    # Each merged model is evaluated against production and promoted only when it is no worse.
    deploy:
      name: ${PRODUCTION}
  # Retired by AWS: the train step refuses it before uploading anything.
  ${HAIKU_MODEL}:
    baseModel: ${HAIKU}
    region: ${HAIKU_REGION}
    training: ${HAIKU_TRAIN}
`;

const SYSTEM =
  "You route customer support tickets for Northwind Home, which sells smart thermostats, cameras and the " +
  "Northwind Plus app subscription. Reply with ROUTE: <team> on the first line, where team is one of billing, " +
  "technical, account, shipping, returns or sales, then one sentence for the agent who picks it up.";

export type Team = "billing" | "technical" | "account" | "shipping" | "returns" | "sales";

interface Message {
  role: string;
  content: string;
}

/** A record in Nova's Converse format (bedrock-conversation-2024). */
function line(messages: Message[]): string {
  return JSON.stringify({
    schemaVersion: "bedrock-conversation-2024",
    system: [{ text: SYSTEM }],
    messages: messages.map((m) => ({ role: m.role, content: [{ text: m.content }] })),
  });
}

function ticket(user: string, reply: string, assistantRole = "assistant"): string {
  return line([
    { role: "user", content: user },
    { role: assistantRole, content: reply },
  ]);
}

/** The same ticket pasted in the Claude 3 Haiku format (string content): wrong for Nova. */
function claudeTicket(user: string, reply: string): string {
  return JSON.stringify({
    system: SYSTEM,
    messages: [
      { role: "user", content: user },
      { role: "assistant", content: reply },
    ],
  });
}

/** The shipped example's files, as the repository's main branch holds them before the pull request. */
export function baseFiles(root: string): Record<string, string> {
  const example = (name: string) => readFileSync(join(root, "examples/support-router", name), "utf8");
  return {
    "tunegate.yml": CONFIG,
    [TRAIN]: example("train.jsonl"),
    [VALIDATION]: example("validation.jsonl"),
    [HAIKU_TRAIN]: readFileSync(join(root, "examples/support-router-claude-3-haiku/train.jsonl"), "utf8"),
    [EVALUATION]: `${EVAL_CASES.map((c) => ticket(c.prompt, c.reference)).join("\n")}\n`,
    "README.md":
      "# Support datasets\n\nFine-tuning data for the support-ticket router, reviewed by tunegate.\n",
  };
}

/** The first validation prompt: copied into training data, it leaks the held-out set. */
function firstValidationPrompt(root: string): string {
  const first = readFileSync(join(root, "examples/support-router/validation.jsonl"), "utf8").split("\n")[0]!;
  const record = JSON.parse(first) as { messages: { content: { text: string }[] }[] };
  return record.messages[0]!.content[0]!.text;
}

/**
 * The pull request's new training records. `broken` is the first push: one reply under a role Bedrock
 * does not know, a ticket pasted from an older dataset in the Claude 3 Haiku format, a customer's e-mail
 * address, a reply without its label and a copy of a validation prompt. The fix keeps the new tickets
 * and repairs all but the unlabelled reply.
 */
export function newTickets(root: string, broken: boolean): string[] {
  return [
    ticket(
      "My warranty replacement thermostat arrived, but the old one has to go back first. How do I send it?",
      "ROUTE: returns\nThe customer needs a return label for the faulty thermostat under a warranty swap.",
    ),
    ticket(
      "Can my order wait in a parcel locker for a week while I'm travelling?",
      "ROUTE: shipping\nThe customer asks how long a parcel locker holds an order.",
    ),
    ticket(
      broken
        ? "Please export all my camera clips and e-mail them to jane.doe@example.com."
        : "Please export all my camera clips so I can keep them before I close my account.",
      "ROUTE: account\nThe customer wants an export of their camera recordings before closing the account.",
    ),
    ticket(
      "The thermostat display is blank after the firmware update last night.",
      "ROUTE: technical\nA firmware update left the thermostat display blank.",
      broken ? "agent" : "assistant",
    ),
    (broken ? claudeTicket : ticket)(
      "Why was I billed for Plus after cancelling? I would like the last two months refunded.",
      "ROUTE: billing\nThe customer was charged for Plus after cancelling and asks for two months back.",
    ),
    ticket(
      "Do you offer a bundle price for a thermostat and three room sensors?",
      "Sales can quote the thermostat and sensor bundle.",
    ),
    ...(broken
      ? [
          ticket(
            firstValidationPrompt(root),
            "ROUTE: billing\nThe customer asks why the monthly price rose without notice.",
          ),
        ]
      : []),
  ];
}

/** The second pull request's tickets, added to main's train.jsonl. */
export function secondTickets(): string[] {
  return [
    ticket(
      "I upgraded to Plus yesterday but the extra camera history is not there.",
      "ROUTE: billing\nA Plus upgrade has not unlocked its features.",
    ),
    ticket(
      "How do I pause my Plus subscription over the summer?",
      "ROUTE: account\nThe customer wants to pause the subscription.",
    ),
  ];
}

/** train.jsonl on the pull request's branch. */
export function prTrain(root: string, broken: boolean): string {
  const base = readFileSync(join(root, "examples/support-router/train.jsonl"), "utf8");
  return `${base.trimEnd()}\n${newTickets(root, broken).join("\n")}\n`;
}

export interface EvalCase {
  prompt: string;
  /** The answer the evaluation expects: ROUTE line and a sentence for the agent. */
  reference: string;
  /** What the fine-tuned model answers (the reference itself when it gets it right). */
  custom: string;
  /** What the base model answers, on demand, with no fine-tuning. */
  base: string;
}

const route = (team: Team, sentence: string) => `ROUTE: ${team}\n${sentence}`;

function evalCase(
  team: Team,
  prompt: string,
  sentence: string,
  custom?: Team,
  base?: Team | string,
): EvalCase {
  const reference = route(team, sentence);
  return {
    prompt,
    reference,
    custom: custom ? route(custom, sentence) : reference,
    base:
      base === undefined
        ? route(team, "Forwarding this ticket.")
        : base.includes(" ")
          ? base
          : route(base as Team, "Forwarding this ticket."),
  };
}

/**
 * Eighteen held-out tickets, three per team. The fine-tuned model gets 16 right (a returns ticket goes
 * to shipping, an account ticket to technical); the base model follows the format less often and mixes
 * up more teams, so the evaluation has something to show.
 */
export const EVAL_CASES: readonly EvalCase[] = [
  evalCase(
    "billing",
    "I paid for the annual plan but the app still shows monthly billing.",
    "The plan change did not reach billing.",
    undefined,
    "sales",
  ),
  evalCase(
    "billing",
    "There is a charge from Northwind I don't recognise on my card.",
    "The customer disputes an unknown charge.",
  ),
  evalCase(
    "billing",
    "Can I get a refund for the month the app was down?",
    "The customer asks for credit for an outage month.",
    undefined,
    "I'm sorry about the outage! Let me look into a refund for you.",
  ),
  evalCase("technical", "The camera keeps dropping off Wi-Fi at night.", "The camera loses Wi-Fi overnight."),
  evalCase(
    "technical",
    "Geofencing doesn't switch the heating to away mode any more.",
    "Geofencing no longer triggers away mode.",
    undefined,
    "account",
  ),
  evalCase("technical", "Motion alerts arrive ten minutes late.", "Motion notifications are delayed."),
  evalCase(
    "account",
    "I can't change the e-mail address on my account.",
    "The customer cannot update the account e-mail.",
  ),
  evalCase(
    "account",
    "How do I give my partner access to the thermostat?",
    "The customer wants to share the thermostat.",
    "technical",
    "technical",
  ),
  evalCase(
    "account",
    "Please delete my account and all recordings.",
    "The customer asks for account deletion.",
    undefined,
    "Sure, I can help delete your account. Are you sure?",
  ),
  evalCase("shipping", "My order says delivered but nothing arrived.", "A delivered order is missing."),
  evalCase(
    "shipping",
    "Can you ship to a P.O. box?",
    "The customer asks about P.O. box delivery.",
    undefined,
    "returns",
  ),
  evalCase(
    "shipping",
    "Which courier delivers to the Shetland Islands?",
    "The customer asks about remote delivery.",
  ),
  evalCase(
    "returns",
    "The camera I returned two weeks ago hasn't been refunded.",
    "A returned camera has not been refunded.",
    undefined,
    "billing",
  ),
  evalCase(
    "returns",
    "Can I swap my thermostat for the larger model?",
    "The customer wants an exchange for a larger model.",
    "shipping",
    "sales",
  ),
  evalCase("returns", "The box was damaged and the sensor inside is cracked.", "A sensor arrived broken."),
  evalCase(
    "sales",
    "Do you have a discount for landlords with ten flats?",
    "A landlord asks for volume pricing.",
  ),
  evalCase(
    "sales",
    "Is the outdoor camera weatherproof enough for Norway?",
    "A buyer asks about cold-weather ratings.",
    undefined,
    "technical",
  ),
  evalCase(
    "sales",
    "When will the doorbell camera be available in Canada?",
    "A buyer asks about Canadian availability.",
  ),
];
