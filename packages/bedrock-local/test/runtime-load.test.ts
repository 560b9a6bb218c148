// What the Runtime stand-in tells a test about the calls it takes: the stop reason the test chose, how
// many calls are in flight at once, and events to wait on instead of the clock.
import { ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type BedrockRuntimeStandIn, startBedrockRuntimeStandIn } from "../src/index.js";
import { runtimeClient } from "./support.js";

const MODEL = "amazon.nova-pro-v1:0";
let runtime: BedrockRuntimeStandIn;
const held: (() => void)[] = [];

beforeAll(async () => {
  runtime = await startBedrockRuntimeStandIn({
    async respond(call) {
      const text = call.messages.at(-1)!.text;
      if (text === "refuse") return { text: "", stopReason: "content_filtered" };
      if (text === "guard") return { text: "Sorry.", stopReason: "guardrail_intervened" };
      if (text.startsWith("hold")) await new Promise<void>((release) => held.push(release));
      return { text: `answer to ${text}` };
    },
  });
});
afterAll(() => runtime.close());

const ask = (text: string) =>
  runtimeClient(runtime.url).send(
    new ConverseCommand({ modelId: MODEL, messages: [{ role: "user", content: [{ text }] }] }),
  );

describe("the Runtime stand-in's controls", () => {
  test("answers with the stop reason the test chose: a refusal", async () => {
    const refused = await ask("refuse");
    expect(refused.stopReason).toBe("content_filtered");
    expect(refused.output?.message?.content).toEqual([{ text: "" }]);
    expect((await ask("guard")).stopReason).toBe("guardrail_intervened");
    expect((await ask("plain")).stopReason).toBe("end_turn");
  });

  test("counts the calls in flight, and resolves waits on its own events", async () => {
    runtime.resetPeak();
    const before = runtime.load().received;
    const calls = [ask("hold 1"), ask("hold 2"), ask("hold 3")];
    await runtime.until((load) => load.inFlight === 3);
    expect(runtime.load()).toEqual({ received: before + 3, inFlight: 3, peakInFlight: 3 });
    runtime.injectFault({ errorType: "ThrottlingException", times: 1 });
    const throttled = runtimeClient(runtime.url).send(
      new ConverseCommand({ modelId: MODEL, messages: [{ role: "user", content: [{ text: "x" }] }] }),
    );
    // A fault answers before the responder: logged, but not in flight.
    await runtime.until((_load, requests) => requests.some((r) => r.status === 429));
    expect(runtime.load().inFlight).toBe(3);
    for (const release of held.splice(0)) release();
    await Promise.all([...calls, throttled]);
    expect(runtime.load()).toMatchObject({ inFlight: 0, peakInFlight: 3 });
    runtime.resetPeak();
    expect(runtime.load().peakInFlight).toBe(0);
  });
});
