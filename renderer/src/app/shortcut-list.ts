import { routes } from './routes';

export type ShortcutGroup = { title: string; shortcuts: { keys: string[]; action: string }[] };

/** Every keyboard shortcut of the app, grouped by where it works; the `?` overlay lists these. */
export const shortcutGroups: ShortcutGroup[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      { keys: ['?'], action: 'Show or hide this list' },
      ...routes.map((r) => ({ keys: ['g', r.key], action: `Go to ${r.label}` })),
    ],
  },
  {
    title: 'Trades list',
    shortcuts: [
      { keys: ['↑', '↓'], action: 'Move between trades' },
      { keys: ['Enter'], action: 'Open the focused trade' },
    ],
  },
  {
    title: 'A trade',
    shortcuts: [
      { keys: ['Ctrl', 'Z'], action: 'Undo the last saved change (in a box with unsaved typing: undo the typing)' },
      { keys: ['Ctrl', 'Shift', 'Z'], action: 'Redo (also Ctrl+Y)' },
      { keys: ['Enter'], action: 'Save a stop, target or risk box; add a tag, emotion or mistake' },
      { keys: ['Esc'], action: 'Put back a number box as it was; close a full-size screenshot' },
      { keys: ['1', '…', '5'], action: 'Rate the trade (on the stars; arrows step, 0 clears)' },
      { keys: ['Ctrl', 'V'], action: 'Attach a copied image as a screenshot' },
    ],
  },
  {
    title: 'A journal day, the Playbooks page',
    shortcuts: [
      {
        keys: ['Ctrl', 'Z'],
        action: 'Undo the last saved change on the page (in a box with unsaved typing: undo the typing)',
      },
      { keys: ['Ctrl', 'Shift', 'Z'], action: 'Redo (also Ctrl+Y)' },
      { keys: ['1', '…', '5'], action: 'Set the mood (on the mood scale; arrows step, 0 clears)' },
      { keys: ['Enter'], action: 'Save a name or rule box; add the new rule' },
    ],
  },
  {
    title: 'Reports',
    shortcuts: [
      { keys: ['←', '→'], action: 'Move between reports (on the report tabs)' },
      { keys: ['Enter'], action: 'Sort by the focused column heading; again to reverse' },
    ],
  },
];
