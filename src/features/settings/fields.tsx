import type { ReactNode } from 'react';

export const FIELD_CLASS =
  'h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base dark:border-slate-600 dark:bg-slate-800';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    // min-w-0: a fieldset is as wide as its widest content by default, which pushed a phone's dialog sideways.
    <fieldset className="flex min-w-0 flex-col gap-3">
      <legend className="mb-2 text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">
        {title}
      </legend>
      {children}
    </fieldset>
  );
}

export function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in
    <label className="flex flex-col gap-1 text-sm font-medium">
      {label}
      {children}
      {hint !== undefined && <span className="font-normal text-slate-600 dark:text-slate-300">{hint}</span>}
    </label>
  );
}

export function Check({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label className="flex min-h-11 items-center gap-3 text-sm">
      <input
        type="checkbox"
        className="size-5 shrink-0"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      {label}
    </label>
  );
}
