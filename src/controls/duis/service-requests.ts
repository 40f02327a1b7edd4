/**
 * The DUIS Service Reference Variants (SRVs) as the project's own data: for each, its name, the
 * Service Reference it belongs to, whether it is a Critical Service Request, how it is delivered,
 * which Command Variants it may be sent with and which User Roles are eligible to send it.
 * Facts taken from the DUIS specification's published catalogue and the DUIS XML schema v5.4;
 * thresholds are set per SRV (G6.3, G6.6), so this table is what the ADT engine keys on.
 */

/** The User Roles as party profiles name them (../shared/contracts/party-profile.md). */
export type UserRole =
  | "import-supplier"
  | "export-supplier"
  | "gas-supplier"
  | "electricity-distributor"
  | "gas-transporter"
  | "other-user"
  | "registered-supplier-agent";

/** 1–3 send a command, 4 asks for a Pre-Command to sign, 5–7 send a signed one, 8 is DCC-only, 9 DCC-internal. */
export type CommandVariant = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** Whether the DCC (dsp), the Device, or both hold a future-dated request until it is due. */
export type FutureDatedPattern = "none" | "dsp" | "device" | "dsp-and-device";

export type ServiceRequestVariant = {
  readonly srv: string;
  readonly name: string;
  readonly serviceReference: string;
  readonly critical: boolean;
  readonly onDemand: boolean;
  readonly dccScheduled: boolean;
  readonly nonDevice: boolean;
  readonly futureDated: FutureDatedPattern;
  readonly commandVariants: readonly CommandVariant[];
  readonly roles: readonly UserRole[];
};

const roleByCode = {
  IS: "import-supplier",
  ES: "export-supplier",
  GS: "gas-supplier",
  ED: "electricity-distributor",
  GT: "gas-transporter",
  OU: "other-user",
  RSA: "registered-supplier-agent",
} as const satisfies Record<string, UserRole>;

/**
 * One row per SRV: [srv, name, flags, command variants, future-dated pattern, DUIS role codes].
 * Flags: C critical, O on demand, S DCC scheduled, N non-device. Kept compact so the whole
 * catalogue can be read (and checked against the specification) on a few screens. Command
 * Variants follow the schema's notes, except 7.12–7.15, where those notes are shifted by one
 * block: 7.12 and 7.13 are critical (4–7) and 7.14 and 7.15 are not (1–3), as the critical
 * flags and the DCC's reference requests agree.
 */
type Row = readonly [string, string, string, string, FutureDatedPattern, string];

const rows: readonly Row[] = [
  ["1.1.1", "Update Import Tariff (Primary Element)", "CO", "4567", "device", "IS GS"],
  ["1.1.2", "Update Import Tariff (Secondary Element)", "CO", "4567", "device", "IS"],
  ["1.2.1", "Update Price (Primary Element)", "CO", "4567", "device", "IS GS"],
  ["1.2.2", "Update Price (Secondary Element)", "CO", "4567", "device", "IS"],
  ["1.5", "Update Meter Balance", "CO", "4567", "none", "IS GS"],
  ["1.6", "Update Payment Mode", "CO", "4567", "device", "IS GS"],
  ["1.7", "Reset Tariff Block Counter Matrix", "CO", "4567", "none", "IS"],
  ["2.1", "Update Prepay Configuration", "CO", "4567", "device", "IS GS"],
  ["2.2", "Top Up Device", "O", "123", "none", "IS GS"],
  ["2.3", "Update Debt", "CO", "4567", "none", "IS GS"],
  ["2.5", "Activate Emergency Credit", "CO", "4567", "none", "IS GS"],
  ["3.1", "Display Message", "O", "123", "dsp", "IS GS"],
  ["3.2", "Restrict Access For Change Of Tenancy", "O", "123", "dsp", "IS GS"],
  ["3.3", "Clear Event Log", "O", "123", "none", "IS GS"],
  ["3.4", "Update Supplier Name", "O", "123", "dsp", "IS GS"],
  ["3.5", "Disable Privacy PIN", "O", "123", "none", "IS GS"],
  ["4.1.1", "Read Instantaneous Import Registers", "O", "123", "dsp", "IS GS ED GT"],
  ["4.1.2", "Read Instantaneous Import TOU Matrices", "O", "123", "dsp", "IS GS ED GT"],
  ["4.1.3", "Read Instantaneous Import TOU With Blocks Matrices", "O", "123", "dsp", "IS ED"],
  ["4.1.4", "Read Instantaneous Import Block Counters", "O", "123", "dsp", "GS"],
  ["4.2", "Read Instantaneous Export Registers", "O", "123", "dsp", "ES ED"],
  ["4.3", "Read Instantaneous Prepay Values", "O", "123", "dsp", "IS GS"],
  ["4.4.2", "Retrieve Change Of Mode / Tariff Triggered Billing Data Log", "O", "123", "dsp", "IS GS"],
  ["4.4.3", "Retrieve Billing Calendar Triggered Billing Data Log", "O", "123", "dsp", "IS GS"],
  ["4.4.4", "Retrieve Billing Data Log (Payment Based Debt Payments)", "O", "123", "dsp", "IS GS"],
  ["4.4.5", "Retrieve Billing Data Log (Prepayment Credits)", "O", "123", "dsp", "IS GS"],
  ["4.6.1", "Retrieve Import Daily Read Log", "OS", "123", "dsp", "IS GS"],
  ["4.6.2", "Retrieve Export Daily Read Log", "OS", "123", "dsp", "ES"],
  ["4.8.1", "Read Active Import Profile Data", "OS", "123", "dsp", "IS GS ED GT OU"],
  ["4.8.2", "Read Reactive Import Profile Data", "OS", "123", "dsp", "IS ED OU"],
  ["4.8.3", "Read Export Profile Data", "OS", "123", "dsp", "ES ED OU"],
  ["4.10", "Read Network Data", "OS", "123", "dsp", "IS GS ED GT"],
  ["4.11.1", "Read Tariff (Primary Element)", "O", "123", "none", "IS GS OU"],
  ["4.11.2", "Read Tariff (Secondary Element)", "O", "123", "none", "IS OU"],
  ["4.12.1", "Read Maximum Demand Import Registers", "OS", "123", "dsp", "IS ED"],
  ["4.12.2", "Read Maximum Demand Export Registers", "OS", "123", "dsp", "ES ED"],
  ["4.13", "Read Prepayment Configuration", "O", "123", "dsp", "IS GS"],
  ["4.14", "Read Prepayment Daily Read Log", "OS", "123", "dsp", "IS GS"],
  ["4.15", "Read Load Limit Data", "OS", "123", "dsp", "IS ED"],
  ["4.16", "Read Active Power Import", "OS", "123", "none", "IS ED"],
  ["4.17", "Retrieve Daily Consumption Log", "OS", "123", "dsp", "IS GS ED GT OU"],
  ["4.18", "Read Meter Balance", "O", "123", "dsp", "IS GS"],
  ["5.1", "Create Schedule", "N", "8", "none", "IS ES GS ED GT OU"],
  ["5.2", "Read Schedule", "N", "8", "none", "IS ES GS ED GT OU"],
  ["5.3", "Delete Schedule", "N", "8", "none", "IS ES GS ED GT OU"],
  ["6.2.1", "Read Device Configuration (Voltage)", "O", "123", "none", "IS ED RSA"],
  ["6.2.2", "Read Device Configuration (Randomisation)", "O", "123", "none", "IS ED RSA"],
  ["6.2.3", "Read Device Configuration (Billing Calendar)", "O", "123", "none", "IS GS RSA"],
  ["6.2.4", "Read Device Configuration (Identity Exc MPxN)", "O", "123", "none", "IS ES GS ED GT OU RSA"],
  ["6.2.5", "Read Device Configuration (Instantaneous Power Thresholds)", "O", "123", "none", "IS RSA"],
  ["6.2.7", "Read Device Configuration (MPxN)", "O", "123", "none", "IS ES GS ED GT OU RSA"],
  ["6.2.8", "Read Device Configuration (Gas)", "O", "123", "none", "GS GT RSA"],
  ["6.2.9", "Read Device Configuration (Payment Mode)", "O", "123", "none", "IS GS RSA"],
  ["6.2.10", "Read Device Configuration (Event and Alert Behaviours)", "O", "123", "none", "IS GS ED"],
  ["6.4.1", "Update Device Configuration (Load Limiting General Settings)", "CO", "4567", "device", "IS"],
  ["6.4.2", "Update Device Configuration (Load Limiting Counter Reset)", "O", "123", "dsp", "IS"],
  ["6.5", "Update Device Configuration (Voltage)", "O", "123", "dsp", "ED"],
  ["6.6", "Update Device Configuration (Gas Conversion)", "CO", "4567", "none", "GS"],
  ["6.7", "Update Device Configuration (Gas Flow)", "CO", "4567", "none", "GS"],
  ["6.8", "Update Device Configuration (Billing Calendar)", "CO", "4567", "none", "IS GS"],
  ["6.11", "Synchronise Clock", "CO", "4567", "none", "IS GS"],
  ["6.12", "Update Device Configuration (Instantaneous Power Threshold)", "O", "123", "dsp", "IS"],
  ["6.13", "Read Event Or Security Log", "O", "123", "none", "IS GS ED GT RSA"],
  ["6.14.1", "Update Device Configuration (Auxiliary Load Control Description)", "CO", "4567", "none", "IS"],
  ["6.14.2", "Update Device Configuration (Auxiliary Load Control Scheduler)", "CO", "4567", "device", "IS"],
  ["6.14.3", "Update Device Configuration (Auxiliary Controller Scheduler)", "CO", "4567", "device", "IS"],
  ["6.15.1", "Update Security Credentials (KRP)", "CO", "4567", "device", "IS GS ED GT"],
  ["6.15.2", "Update Security Credentials (Device)", "CO", "4567", "none", "IS GS"],
  ["6.17", "Issue Security Credentials", "CO", "4567", "none", "IS GS"],
  ["6.18.1", "Set Maximum Demand Configurable Time Period", "O", "123", "dsp", "ED"],
  ["6.18.2", "Reset Maximum Demand Registers", "O", "123", "dsp", "ED"],
  ["6.20.1", "Set Device Configuration (Import MPxN)", "O", "123", "dsp", "IS GS"],
  ["6.20.2", "Set Device Configuration (Export MPAN)", "O", "123", "dsp", "ES"],
  ["6.21", "Request Handover Of DCC Controlled Device", "O", "123", "dsp", "IS GS"],
  ["6.22", "Configure Alert Behaviour", "O", "123", "none", "IS GS ED"],
  ["6.23", "Update Security Credentials (CoS)", "O", "123", "dsp-and-device", "IS GS"],
  ["6.24.1", "Retrieve Device Security Credentials (KRP)", "O", "123", "none", "IS GS ED GT"],
  ["6.24.2", "Retrieve Device Security Credentials (Device)", "CO", "4567", "none", "IS GS"],
  ["6.25", "Set Electricity Supply Tamper State", "CO", "4567", "none", "IS"],
  [
    "6.26",
    "Update Device Configuration (daily resetting of Tariff Block Counter Matrix)",
    "CO",
    "4567",
    "none",
    "IS",
  ],
  ["6.27", "Update Device Configuration (RMS Voltage Counter Reset)", "O", "123", "dsp", "ED"],
  ["6.28", "Set CHF Sub GHz Configuration", "O", "123", "none", "IS GS"],
  ["6.29", "Request CHF Sub GHz Channel Scan", "O", "123", "none", "IS GS"],
  ["6.30", "Read CHF Sub GHz Configuration", "O", "123", "none", "IS GS RSA"],
  ["6.31", "Read CHF Sub GHz Channel", "O", "123", "none", "IS GS RSA"],
  ["6.32", "Read CHF Sub GHz Channel Log", "O", "123", "none", "IS GS RSA"],
  ["7.1", "Enable Supply", "CO", "4567", "none", "IS"],
  ["7.2", "Disable Supply", "CO", "4567", "none", "IS GS"],
  ["7.3", "Arm Supply", "CO", "4567", "none", "IS GS"],
  ["7.4", "Read Supply Status", "O", "123", "none", "IS ES GS ED GT RSA"],
  ["7.5", "Activate Auxiliary Load", "CO", "4567", "none", "IS"],
  ["7.6", "Deactivate Auxiliary Load", "CO", "4567", "none", "IS"],
  ["7.7", "Read Auxiliary Load Switch Data", "O", "123", "dsp", "IS ED OU"],
  ["7.8", "Reset Auxiliary Load", "CO", "4567", "none", "IS"],
  ["7.9", "Add Auxiliary Load To Boost Button", "O", "123", "dsp", "IS"],
  ["7.10", "Remove Auxiliary Load From Boost Button", "O", "123", "dsp", "IS"],
  ["7.11", "Read Boost Button Details", "O", "123", "dsp", "IS OU"],
  ["7.12", "Set Randomised Offset Limit", "CO", "4567", "none", "IS"],
  ["7.13", "Set Auxiliary Controller State", "CO", "4567", "none", "IS"],
  ["7.14", "Read Auxiliary Controller Configuration Data", "O", "123", "dsp", "IS ED OU"],
  ["7.15", "Read Auxiliary Controller Operational Data", "O", "123", "dsp", "IS ED OU"],
  ["7.16", "Limit APC Level", "CO", "4567", "none", ""],
  ["8.1.1", "Commission Device", "CO", "45", "none", "IS GS"],
  ["8.2", "Read Inventory", "N", "8", "none", "IS ES GS ED GT OU RSA"],
  ["8.3", "Decommission Device", "N", "8", "none", "IS GS"],
  ["8.4", "Update Inventory", "N", "8", "none", "IS ES GS ED GT OU RSA"],
  ["8.5", "Service Opt Out", "", "1", "dsp", ""],
  ["8.6", "Service Opt In", "N", "8", "none", ""],
  ["8.7.1", "Join Service (Critical)", "CO", "4567", "none", "IS GS"],
  ["8.7.2", "Join Service (Non-Critical)", "O", "123", "none", "IS GS OU"],
  ["8.8.1", "Unjoin Service (Critical)", "CO", "4567", "none", "IS GS"],
  ["8.8.2", "Unjoin Service (Non-Critical)", "O", "123", "none", "IS GS OU"],
  ["8.9", "Read Device Log", "O", "123", "dsp", "IS GS OU"],
  ["8.11", "Update HAN Device Log", "O", "123", "dsp", "IS GS OU"],
  ["8.12.1", "Restore HAN Device Log", "O", "123", "none", "IS GS"],
  ["8.12.2", "Restore Gas Proxy Function Device Log", "O", "123", "none", "IS GS"],
  ["8.13", "Return Local Command Response", "N", "8", "none", "IS GS"],
  ["8.14.1", "Communications Hub Status Update – Install Success", "N", "8", "none", "IS GS"],
  ["8.14.2", "Communications Hub Status Update – Install No SM WAN", "N", "8", "none", "IS GS"],
  ["8.14.3", "Communications Hub Status Update – Fault Return", "N", "8", "none", "IS GS"],
  ["8.14.4", "Communications Hub Status Update – No Fault Return", "N", "8", "none", "IS GS"],
  ["9.1", "Request Customer Identification Number", "O", "123", "none", "OU"],
  ["11.1", "Update Firmware", "N", "8", "none", "IS GS"],
  ["11.2", "Read Firmware Version", "O", "123", "dsp", "IS ES GS ED GT OU RSA"],
  ["11.3", "Activate Firmware", "CO", "4567", "device", "IS GS"],
  ["11.4", "Update PPMID Firmware", "N", "8", "none", "IS GS"],
  ["12.1", "Request WAN Matrix", "N", "8", "none", "IS ES GS ED GT OU RSA"],
  ["12.2", "Device Pre-notification", "N", "8", "none", "IS ES GS ED GT OU RSA"],
  ["14.1", "Record Network Data (GAS)", "OS", "123", "none", "GT"],
];

function toVariant([srv, name, flags, variants, futureDated, codes]: Row): ServiceRequestVariant {
  return {
    srv,
    name,
    // Every SRV's first two components are its Service Reference (6.20.1 belongs to 6.20).
    serviceReference: srv.split(".").slice(0, 2).join("."),
    critical: flags.includes("C"),
    onDemand: flags.includes("O"),
    dccScheduled: flags.includes("S"),
    nonDevice: flags.includes("N"),
    futureDated,
    commandVariants: [...variants].map((digit) => Number(digit) as CommandVariant),
    roles: codes === "" ? [] : codes.split(" ").map((code) => roleByCode[code as keyof typeof roleByCode]),
  };
}

export const serviceRequests: readonly ServiceRequestVariant[] = rows.map(toVariant);

const bySrv: ReadonlyMap<string, ServiceRequestVariant> = new Map(serviceRequests.map((s) => [s.srv, s]));

export function serviceRequest(srv: string): ServiceRequestVariant | undefined {
  return bySrv.get(srv);
}

/**
 * SRVs whose Service Responses (from a SMETS2+ Device) carry data encrypted under the GB Companion
 * Specification — the requests G6.3(a)(ii) and G6.6(a)(ii) ask thresholds for. A default that
 * callers may replace, since the list follows GBCS versions rather than the Code.
 */
export const defaultEncryptedResponseSrvs: readonly string[] = [
  "4.1.1",
  "4.1.2",
  "4.1.3",
  "4.3",
  "4.4.2",
  "4.4.3",
  "4.6.1",
  "4.8.1",
  "4.14",
  "4.17",
];
