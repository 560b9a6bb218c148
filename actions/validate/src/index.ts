// The entry the runner starts (action.yml's dist/index.js starts ../dist/validate.js, this bundled): it runs the action inside
// the one wrapper every action shares, which fails the step with a user mistake's fix or a bug's stack.
import { runAction } from "@tunegate/github";
import { run } from "./main";

await runAction(run);
