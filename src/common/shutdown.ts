/** One step of a graceful stop (drain the app, stop the embedded database). */
export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown>;
}

/**
 * Runs every step in order, the later ones even when an earlier one failed (the database is stopped
 * cleanly even if the app did not close), and returns the process's exit code: 0 when every step
 * succeeded, 1 otherwise, so a supervisor sees a stop that went wrong.
 */
export async function runShutdown(
  steps: readonly ShutdownStep[],
  onError: (step: string, error: unknown) => void,
): Promise<number> {
  let code = 0;
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      code = 1;
      onError(step.name, error);
    }
  }
  return code;
}
