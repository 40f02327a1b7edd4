import { type FormEvent, type ReactNode, useState } from "react";
import { describeError } from "../api/client.js";
import { authApi, type Me } from "./auth-api.js";

type Props = { readonly me: Me; readonly onChanged: () => void; readonly onSignOut: () => void };

/** A one-time password must be replaced before anything else (the server refuses other calls). */
export function PasswordChangePage({ me, onChanged, onSignOut }: Props): ReactNode {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next !== again) {
      setProblem("The two new passwords differ.");
      return;
    }
    setBusy(true);
    setProblem("");
    try {
      await authApi.changePassword(current, next);
      onChanged();
    } catch (error) {
      setProblem(`Could not change the password: ${describeError(error)}.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>Choose a new password</h1>
      <p>
        {me.displayName || me.username}, you signed in with a one-time password. Choose your own before going
        on: at least 12 characters, not containing your username.
      </p>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="password-current">Current password</label>
          <input
            id="password-current"
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="password-new">New password</label>
          <input
            id="password-new"
            type="password"
            autoComplete="new-password"
            minLength={12}
            required
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="password-again">New password again</label>
          <input
            id="password-again"
            type="password"
            autoComplete="new-password"
            minLength={12}
            required
            value={again}
            onChange={(e) => setAgain(e.target.value)}
          />
        </div>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Change password
        </button>{" "}
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </form>
    </main>
  );
}
