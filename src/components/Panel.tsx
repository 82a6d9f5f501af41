import type { ReactNode } from 'react';

/** A titled section of the dashboard. */
export function Panel({
  title,
  actions,
  children,
  id,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  id?: string;
}) {
  return (
    <section
      aria-labelledby={id}
      className="min-w-0 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2
          id={id}
          className="text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300"
        >
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
