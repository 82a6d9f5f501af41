import { EMPTY_LAYOUT, type HouseLayout, type LayoutApplied, type LayoutChange } from '../../core/layout.ts';
import { applyLayoutChange } from '../../core/layoutApply.ts';
import { checkLayout } from '../../core/layoutParse.ts';
import { layoutFilePath, readLayoutFile, writeLayoutFile } from './layoutFile.ts';

/** What a change came to: applied and saved, refused for what it would make, or not saved. */
export type LayoutChangeOutcome =
  | { kind: 'applied'; applied: LayoutApplied }
  /** The result would break a rule that spans items (two views of one name): a 400. */
  | { kind: 'invalid'; reason: string }
  /** The disk refused; nothing changed, in memory or on disk: a 500. */
  | { kind: 'unsaved'; reason: string };

/** The house layout this server keeps: in memory, and in `<dataDir>/layout.json`. */
export interface StoredLayout {
  current(): HouseLayout;
  /**
   * Applies one change on top of every change before it (one at a time, so two screens sending
   * from the same base get versions N+1 and N+2 and the second is told what it overwrote), saves
   * it, and only then makes it current.
   */
  change(change: LayoutChange): Promise<LayoutChangeOutcome>;
}

/**
 * Reads the layout file once. A bad file was moved aside: said in one line, and the house starts
 * with an empty layout rather than a server that will not start.
 */
export async function openStoredLayout(
  dataDir: string,
  log: (line: string) => void,
  now: () => Date = () => new Date(),
): Promise<StoredLayout> {
  const read = await readLayoutFile(dataDir, now());
  let layout: HouseLayout = read.kind === 'layout' ? read.layout : EMPTY_LAYOUT;
  const file = layoutFilePath(dataDir);
  /** Set when a bad file could not be moved aside: saving would destroy it. */
  let blocked: string | null = null;
  if (read.kind === 'movedAside') {
    log(`house layout ${file} is unusable (${read.reason}); moved it to ${read.movedTo} and started empty`);
  } else if (read.kind === 'stuck') {
    blocked = `The layout file ${file} is unusable and could not be moved aside (${read.reason}); move it away and restart Hearth.`;
    log(`house layout: ${blocked}`);
  }

  async function changeNow(change: LayoutChange): Promise<LayoutChangeOutcome> {
    const applied = applyLayoutChange(layout, change);
    if (applied.layout === layout) return { kind: 'applied', applied };
    const broken = checkLayout(applied.layout);
    if (broken !== null) return { kind: 'invalid', reason: broken };
    if (blocked !== null) return { kind: 'unsaved', reason: blocked };
    try {
      await writeLayoutFile(dataDir, applied.layout);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      log(`house layout: could not save ${file}: ${why}`);
      return {
        kind: 'unsaved',
        reason: `The server could not save the layout (${why}); nothing was changed. Free some disk space or check the data directory, then try again.`,
      };
    }
    layout = applied.layout;
    return { kind: 'applied', applied };
  }

  // Changes wait for the one before them: each applies to the layout the previous one saved.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    current: () => layout,
    change(change) {
      const outcome = queue.then(() => changeNow(change));
      queue = outcome.catch(() => {});
      return outcome;
    },
  };
}
