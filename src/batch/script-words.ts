/**
 * A message the session words for the UI's command row, in a script's words: its commands without
 * the colon (`:print o` is `print o` in a script), and no Tab, which a script has not (trial BP:
 * a failed `expect print j.Nme` was told to press Tab).
 */
export function scriptWords(text: string): string {
  // A script has no panes and no keys either (trial BY: `The Variables pane (4)` in gotui run).
  return text
    .replace("The Variables pane (4) lists this frame's.", "locals lists this frame's.")
    .replace('the Variables pane (4) shows it, and o says what a function returned', 'args lists it, and stepout says what a function returned')
    .replace(/Tab after the dot lists the fields \(:print (.+?)\.<Tab>\)\./g, 'print $1 shows its fields.')
    .replace(/(^|[\s(`'"]):([a-z][\w-]*)/g, '$1$2');
}
