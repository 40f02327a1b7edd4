import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { ApiError, setCsrfToken, whenUnauthorized } from "../api/client.js";
import { authApi, type Me, type SessionAnswer } from "./auth-api.js";
import { PasswordChangePage } from "./PasswordChangePage.js";
import { SignInPage } from "./SignInPage.js";

type Session = { readonly me: Me; readonly signOut: () => Promise<void> };

const SessionContext = createContext<Session | null>(null);

// Asked as soon as the dashboard's script runs, in parallel with downloading the first page.
let firstCheck: Promise<SessionAnswer> | null = authApi.me();
// Its outcome is handled when <SignedIn> mounts; this keeps an early 401 from being reported as unhandled.
firstCheck.catch(() => undefined);

/** The session check started at load the first time, a fresh one after that. */
function checkSession(): Promise<SessionAnswer> {
  const check = firstCheck ?? authApi.me();
  firstCheck = null;
  return check;
}

/** The signed-in user; only pages inside <SignedIn> render, so there always is one. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside <SignedIn>");
  return session;
}

type State =
  | { readonly status: "checking" }
  | { readonly status: "signed-out"; readonly reason: "none" | "expired" }
  | { readonly status: "failed"; readonly message: string }
  | { readonly status: "signed-in"; readonly me: Me };

/**
 * Shows its children only to a signed-in user with a usable password. The address bar is left
 * alone while the sign-in page shows, so signing in lands where the person was going.
 */
export function SignedIn({ children }: { children: ReactNode }): ReactNode {
  const [state, setState] = useState<State>({ status: "checking" });

  const accept = useCallback((answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken ?? "");
    setState({ status: "signed-in", me: answer.user });
  }, []);

  useEffect(() => {
    whenUnauthorized(() => setState({ status: "signed-out", reason: "expired" }));
    checkSession().then(accept, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401)
        setState({ status: "signed-out", reason: "none" });
      else setState({ status: "failed", message: error instanceof Error ? error.message : String(error) });
    });
  }, [accept]);

  const signOut = useCallback(async () => {
    await authApi.logout().catch(() => undefined);
    setCsrfToken("");
    setState({ status: "signed-out", reason: "none" });
  }, []);

  switch (state.status) {
    case "checking":
      return (
        <p className="status" role="status">
          Checking your session…
        </p>
      );
    case "failed":
      return (
        <main className="sign-in">
          <h1>secg is unavailable</h1>
          <p className="error" role="alert">
            Could not check your session: {state.message}.
          </p>
          <button type="button" onClick={() => window.location.reload()}>
            Try again
          </button>
        </main>
      );
    case "signed-out":
      return <SignInPage expired={state.reason === "expired"} onSignedIn={accept} />;
    case "signed-in":
      if (state.me.mustChangePassword) {
        return (
          <PasswordChangePage
            me={state.me}
            onChanged={() =>
              setState({ status: "signed-in", me: { ...state.me, mustChangePassword: false } })
            }
            onSignOut={signOut}
          />
        );
      }
      return <SessionContext.Provider value={{ me: state.me, signOut }}>{children}</SessionContext.Provider>;
  }
}
