import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { clipText } from '../../core/clip';
import { type CardDialog, CardMenuList } from './CardMenuList';
import { CardNameDialog } from './CardNameDialog';

/**
 * The "⋯" on a card: what a person does to one device (name it, put it in a room, pin it, choose
 * its main reading, rename or hide a reading, hide it). The menu and its dialogs are drawn on the
 * page's top level: a card skips painting what leaves its box (content-visibility).
 */
export function CardMenu({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<CardDialog | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-label={`Actions for ${clipText(name)}`}
        aria-haspopup="menu"
        aria-expanded={open}
        data-card-menu
        onClick={() => setOpen((was) => !was)}
        className="relative z-10 flex h-11 w-11 shrink-0 items-center justify-center rounded-lg text-xl leading-none text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-orange-600 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open &&
        button.current !== null &&
        createPortal(
          <CardMenuList
            id={id}
            anchor={button.current}
            onClose={close}
            onDialog={(next) => {
              setOpen(false);
              setDialog(next);
            }}
          />,
          document.body,
        )}
      {dialog !== null &&
        createPortal(
          <CardNameDialog
            id={id}
            dialog={dialog}
            onClose={() => {
              setDialog(null);
              button.current?.focus();
            }}
          />,
          document.body,
        )}
    </>
  );
}
