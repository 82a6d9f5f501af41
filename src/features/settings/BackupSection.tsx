import { type ChangeEvent, useState } from 'react';
import { parseSettingsFile, serializeSettings } from '../../config/settings';
import { selectArrangeRefusal } from '../../store/access';
import { useHearthStore } from '../../store/store';
import { Check, Section } from './fields';
import { fromDraft, type SettingsDraft, toDraft } from './settingsDraft';
import { layoutOfSettingsFile, withLayout } from './settingsFileLayout';

/**
 * Export and import of every setting as a JSON file, the house's rooms, names and views included
 * (imported on Save, replacing the house's, only where the layout may be changed), and how to
 * provision a tablet.
 */
export function BackupSection({
  draft,
  replace,
}: {
  draft: SettingsDraft;
  replace: (draft: SettingsDraft) => void;
}) {
  const [withPasswords, setWithPasswords] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const arrangeRefusal = useHearthStore(selectArrangeRefusal);

  const exportFile = () => {
    const checked = fromDraft(draft, window.location.protocol);
    if (checked.settings === null) {
      setNote({ text: `Fix the settings first: ${checked.problems[0] ?? ''}`, error: true });
      return;
    }
    const url = URL.createObjectURL(
      new Blob(
        [withLayout(serializeSettings(checked.settings, withPasswords), useHearthStore.getState().layout)],
        {
          type: 'application/json',
        },
      ),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = 'hearth-settings.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setNote({
      text: withPasswords
        ? 'Exported, passwords included: keep the file safe.'
        : 'Exported, without passwords.',
      error: false,
    });
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    const checked = fromDraft(draft, window.location.protocol);
    const base = checked.settings;
    if (base === null) {
      setNote({ text: 'Fix the settings first, then import.', error: true });
      return;
    }
    const text = await file.text();
    const parsed = parseSettingsFile(text, base);
    const layout = layoutOfSettingsFile(text);
    if (!parsed.ok || !layout.ok) {
      setNote({
        text: `Not imported: ${parsed.ok ? (layout.ok ? '' : layout.reason) : parsed.reason}.`,
        error: true,
      });
      return;
    }
    // This screen's own settings always; the house's rooms, names and views only where they may change.
    const items = arrangeRefusal === null ? layout.items : null;
    replace(items === null ? toDraft(parsed.settings) : { ...toDraft(parsed.settings), layoutImport: items });
    setNote({
      text:
        layout.items === null
          ? `Imported ${file.name}. Check the tabs, then Save.`
          : items === null
            ? `Imported ${file.name}. Check the tabs, then Save. Its rooms, names and views are left out. ${arrangeRefusal}.`
            : `Imported ${file.name}. Check the tabs, then Save: its rooms, names and views replace this house's.`,
      error: false,
    });
  };

  const exampleLink = `${window.location.origin}/?config=https://example.com/hearth-settings.json`;
  return (
    <Section title="Backup and provisioning">
      <Check label="Include passwords in the export" checked={withPasswords} onChange={setWithPasswords} />
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={exportFile}
          className="h-11 rounded-lg border border-slate-300 px-3 text-sm font-medium dark:border-slate-600"
        >
          Export settings
        </button>
        <label className="flex h-11 cursor-pointer items-center rounded-lg border border-slate-300 px-3 text-sm font-medium has-focus-visible:outline-2 dark:border-slate-600">
          Import settings…
          <input
            type="file"
            accept="application/json,.json"
            onChange={(e) => void importFile(e)}
            className="sr-only"
          />
        </label>
      </div>
      {note !== null && (
        <p
          role="status"
          className={`text-sm ${note.error ? 'text-red-800 dark:text-red-300' : 'text-slate-700 dark:text-slate-200'}`}
        >
          {note.text}
        </p>
      )}
      <p className="text-sm text-slate-600 dark:text-slate-300">
        To set up a tablet, put an exported file on a web server and open Hearth with{' '}
        <code className="break-all">{exampleLink}</code>.
      </p>
    </Section>
  );
}
