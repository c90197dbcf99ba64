import type { KeyContext } from './keymap.js';

/** A binding that always runs the same command line. */
export const cmd = (line: string) => () => line;

/** Why a key that needs a stopped target does nothing now. */
export const whenStopped = (ctx: KeyContext): string | undefined => (ctx.session.status === 'stopped' ? undefined : `the target is ${ctx.session.status}`);
