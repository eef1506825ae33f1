import { screenshotSteps } from '../support/screens';
import { test } from '../support/fixtures';

// The screenshot walk runs as a test too, so it cannot silently rot.
test('every main screen can be reached and captured', async ({ app, core, shot }) => {
  for (const step of screenshotSteps) {
    await step.go(app, core);
    await shot(`walk-${step.name}`);
  }
});
