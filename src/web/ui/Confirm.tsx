import { type ReactNode, useEffect, useRef } from "react";

type Props = {
  readonly question: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
};

/** A modal question before a change that cannot be undone; Escape or Cancel backs out. */
export function Confirm({ question, confirmLabel, onConfirm, onCancel }: Props): ReactNode {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="confirm" aria-label={question} onCancel={onCancel}>
      <p>{question}</p>
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
