import { type ReactNode, useCallback, useState } from "react";
import { describeError } from "../api/client.js";

export type ActionState = { readonly busy: boolean; readonly message: string; readonly failed: boolean };

/**
 * Runs one change at a time (a decision, a transition, an import) and keeps what became of it as
 * a sentence for the page to show: the outcome, or the error with the field at fault.
 */
export function useAction(): [ActionState, (run: () => Promise<string>) => Promise<void>] {
  const [state, setState] = useState<ActionState>({ busy: false, message: "", failed: false });
  const run = useCallback(async (action: () => Promise<string>) => {
    setState({ busy: true, message: "", failed: false });
    try {
      setState({ busy: false, message: await action(), failed: false });
    } catch (error) {
      setState({ busy: false, message: describeError(error), failed: true });
    }
  }, []);
  return [state, run];
}

/** Where an action's outcome is announced; errors interrupt, successes wait their turn. */
export function ActionResult({ state }: { state: ActionState }): ReactNode {
  return (
    <div aria-live="polite" className="action-result">
      {state.message && (
        <p className={state.failed ? "error" : "notice"} role={state.failed ? "alert" : "status"}>
          {state.message}
        </p>
      )}
    </div>
  );
}
