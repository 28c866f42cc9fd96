import { useId, type ReactNode } from "react";

/** A dt/dd pair whose value is named by its term (E2E: getByRole("definition", { name: term })). */
export function Definition({ term, children, bad }: { term: string; children: ReactNode; bad?: boolean }) {
  const id = useId();
  return (
    <>
      <dt id={id}>{term}</dt>
      <dd aria-labelledby={id} className={bad ? "ops-bad" : undefined}>
        {children}
      </dd>
    </>
  );
}
