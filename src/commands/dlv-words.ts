import { UserError } from '../errors.js';

/**
 * The dlv CLI's commands gotui has no command of that name for, and what does their work here:
 * typed from habit (trial AN: `locals` got "not a gotui command" and no way on). Data, read where
 * an unknown command is said (the prompt, a script).
 */
const DLV_INSTEAD: Readonly<Record<string, string>> = {
  deferred: ':bt lists the frames and :frame N selects one: gotui reads no deferred call\'s scope.',
  examinemem: "gotui's memory view takes gdb's x: :x/16xg ADDR (count, format, unit), the dlv CLI's -count 16 -fmt hex -size 8.",
  config: "gotui's settings are its command-line options (gotui --help) and its keys (?).",
  edit: 'The Source pane (1) shows the file; open it in your editor beside gotui.',
  rev: "gotui does not drive Delve's reverse execution (rr recordings).",
  target: 'gotui debugs one process; attach another gotui to another Delve.',
  transcript: ':record FILE writes the commands you type as a script (gotui run FILE replays it).',
  libraries: ':vmmap lists the files mapped into the process.',
};

/** The refusal of a dlv CLI word, with what does its work; undefined for any other word. */
export function dlvWordInstead(name: string): UserError | undefined {
  return Object.hasOwn(DLV_INSTEAD, name) ? new UserError(`'${name}' is the dlv CLI's; gotui has no command of that name.`, DLV_INSTEAD[name]!) : undefined;
}
