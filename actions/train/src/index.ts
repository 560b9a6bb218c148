// The entry the runner starts (action.yml's ../dist/train.js is this, bundled): it runs the action.
import { run } from "./main";

await run();
