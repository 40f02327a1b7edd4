import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { ApiError } from "../api/client.js";
import { authApi, type SessionAnswer } from "./auth-api.js";

type Props = { readonly expired: boolean; readonly onSignedIn: (answer: SessionAnswer) => void };

/** What a failed sign-in tells the person: locked out (and until when), or simply "try again". */
export function signInProblem(error: unknown, now: Date): string {
  if (error instanceof ApiError && error.status === 429) {
    if (error.retryAfter === undefined) return "Too many failed attempts. Wait a while, then try again.";
    const until = new Date(now.getTime() + error.retryAfter * 1000);
    const minutes = Math.max(1, Math.ceil(error.retryAfter / 60));
    const at = until.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
    return `Too many failed attempts: signing in is locked for ${minutes} minute${minutes === 1 ? "" : "s"} (until ${at}).`;
  }
  if (error instanceof ApiError && error.status === 401) return "That username and password do not match.";
  return `Could not sign in: ${error instanceof Error ? error.message : String(error)}.`;
}

export function SignInPage({ expired, onSignedIn }: Props): ReactNode {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = "Sign in · secg";
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem("");
    try {
      onSignedIn(await authApi.login(username.trim(), password));
    } catch (error) {
      setPassword("");
      setProblem(signInProblem(error, new Date()));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>Sign in to secg</h1>
      {expired && (
        <p className="notice" role="status">
          Your session ended. Sign in again to carry on where you were.
        </p>
      )}
      <form onSubmit={submit} aria-describedby={problem ? "sign-in-problem" : undefined}>
        <div className="field">
          <label htmlFor="sign-in-username">Username</label>
          <input
            id="sign-in-username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">Password</label>
          <input
            id="sign-in-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {problem && (
          <p id="sign-in-problem" className="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p className="hint">
        No account? An owner creates one with <code>secg user add NAME --role ROLE --party PARTY</code>.
      </p>
    </main>
  );
}
