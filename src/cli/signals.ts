/** The signals that end gotui, each with the exit code a shell gives a process it ends (128 + its number). */
export const ENDING_SIGNALS: readonly (readonly [NodeJS.Signals, number])[] = [
  ['SIGTERM', 143],
  ['SIGHUP', 129],
  ['SIGINT', 130],
  ['SIGQUIT', 131],
];
