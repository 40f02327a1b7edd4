import { type ReactNode, useId } from "react";

/** A titled region of a page: a card on the Overview, a panel elsewhere. */
export function Section({
  title,
  className,
  children,
}: {
  title: string;
  className?: string;
  children: ReactNode;
}): ReactNode {
  const id = useId();
  return (
    <section className={className ?? "card"} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
