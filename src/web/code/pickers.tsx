import type { ReactNode } from "react";
import type { Version } from "../api/types.js";

/** Section G's parts, G1 to G12, for filtering clause lists and diffs. */
const parts = Array.from({ length: 12 }, (_, i) => `G${i + 1}`);

type VersionPickerProps = {
  readonly id: string;
  readonly label: string;
  readonly versions: readonly Version[];
  readonly value: string;
  readonly onChange: (label: string) => void;
};

export function VersionPicker({ id, label, versions, value, onChange }: VersionPickerProps): ReactNode {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {versions.map((version) => (
          <option key={version.label} value={version.label}>
            {version.label} (in force {version.inForce})
          </option>
        ))}
      </select>
    </div>
  );
}

type PartPickerProps = {
  readonly id: string;
  readonly value: string;
  readonly onChange: (part: string) => void;
};

export function PartPicker({ id, value, onChange }: PartPickerProps): ReactNode {
  return (
    <div className="field">
      <label htmlFor={id}>Part</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">All parts</option>
        {parts.map((part) => (
          <option key={part} value={part}>
            {part}
          </option>
        ))}
      </select>
    </div>
  );
}
