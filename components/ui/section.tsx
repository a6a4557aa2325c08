import type { ReactNode } from "react";

// A page section named by its own heading (aria-labelledby), so it is a landmark screen readers
// list by that name. `level` 3 for a section inside another one.
export function HeadedSection({
  id,
  title,
  className,
  level = 2,
  children,
}: {
  id: string;
  title: ReactNode;
  className?: string;
  level?: 2 | 3;
  children: ReactNode;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={id} className={className}>
      <Heading id={id} className={level === 2 ? "text-lg font-semibold" : "font-semibold"}>
        {title}
      </Heading>
      {children}
    </section>
  );
}
