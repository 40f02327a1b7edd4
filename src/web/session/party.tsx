import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { endpoint } from "../api/client.js";
import { useResource } from "../api/use-resource.js";
import type { PartySummary } from "../obligations/api.js";
import { useSession } from "./session.js";

type PartyChoice = {
  /** The parties this user may see (the server filters them). */
  readonly parties: readonly PartySummary[];
  /** The party the pages show; "" while loading or when there is none. */
  readonly party: string;
  readonly choose: (party: string) => void;
  readonly reload: () => void;
  readonly loading: boolean;
  readonly error: Error | null;
};

const PartyContext = createContext<PartyChoice | null>(null);

export function useParty(): PartyChoice {
  const choice = useContext(PartyContext);
  if (!choice) throw new Error("useParty outside <PartyProvider>");
  return choice;
}

const storageKey = (userId: string) => `secg.party.${userId}`;

/** The chosen party, remembered per user on this browser so each person comes back to their own. */
export function PartyProvider({ children }: { children: ReactNode }): ReactNode {
  const { me } = useSession();
  const [resource, reload] = useResource(endpoint<{ parties: PartySummary[] }>("/api/parties"));
  const [chosen, setChosen] = useState(() => localStorage.getItem(storageKey(me.id)) ?? "");
  const parties = resource.status === "ok" ? resource.data.parties : [];
  // Until the list arrives, the party chosen last time: pages start loading at once instead of
  // waiting for the list; should it be gone, the first listed party replaces it.
  const party =
    resource.status !== "ok"
      ? chosen
      : parties.some((p) => p.id === chosen)
        ? chosen
        : (parties[0]?.id ?? "");

  useEffect(() => {
    if (party) localStorage.setItem(storageKey(me.id), party);
  }, [me.id, party]);

  const value: PartyChoice = {
    parties,
    party,
    choose: setChosen,
    reload,
    loading: resource.status === "loading" || resource.status === "idle",
    error: resource.status === "error" ? resource.error : null,
  };
  return <PartyContext.Provider value={value}>{children}</PartyContext.Provider>;
}

/** The header's party switcher: shown once there is more than one party to choose from. */
export function PartySwitcher(): ReactNode {
  const { parties, party, choose } = useParty();
  if (parties.length === 0) return null;
  if (parties.length === 1) return <span className="header-party">{parties[0]!.name}</span>;
  return (
    <span className="header-party">
      <label htmlFor="party-switcher">Party</label>
      <select id="party-switcher" value={party} onChange={(e) => choose(e.target.value)}>
        {parties.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.id})
          </option>
        ))}
      </select>
    </span>
  );
}

/** What a party-scoped page shows before there is a party: how to get one. */
export function NoPartyYet(): ReactNode {
  const { loading, error, reload } = useParty();
  if (loading) {
    return (
      <p className="status" role="status">
        Loading parties…
      </p>
    );
  }
  if (error) {
    return (
      <div className="error" role="alert">
        <p>Could not load the parties: {error.message}.</p>
        <button type="button" onClick={reload}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <div className="empty">
      <p>This workspace holds no party you may see yet.</p>
      <p>
        Import a party profile with <code>secg party import PROFILE.yaml --data DIR</code> (or PUT it to{" "}
        <code>/api/parties/ID</code>), or ask an owner to give you a role in one.
      </p>
    </div>
  );
}
