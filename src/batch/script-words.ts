/**
 * A message the session words for the UI's command row, in a script's words: its commands without
 * the colon (`:print o` is `print o` in a script), and no Tab, which a script has not (trial BP:
 * a failed `expect print j.Nme` was told to press Tab).
 */
export function scriptWords(text: string): string {
  return text.replace(/Tab after the dot lists the fields \(:print (.+?)\.<Tab>\)\./g, 'print $1 shows its fields.').replace(/(^|[\s(`'"]):([a-z][\w-]*)/g, '$1$2');
}
