/** Whether a name is a Host of the user's ssh configuration, for a hint when DNS does not know it. */
import { execa } from 'execa';

/**
 * The HostName `ssh -G NAME` gives when it is not NAME itself (an alias in ~/.ssh/config), else
 * undefined (no ssh, or not configured). ssh only reads its configuration here: nothing connects.
 */
export async function sshAliasTarget(name: string): Promise<string | undefined> {
  // A name, never an option: ssh takes it as an argument.
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name)) return undefined;
  const r = await execa('ssh', ['-G', '--', name], { reject: false, stdin: 'ignore', timeout: 3_000 }).catch(() => undefined);
  if (!r || r.exitCode !== 0) return undefined;
  const hostname = /^hostname (\S+)$/m.exec(String(r.stdout))?.[1];
  return hostname && hostname.toLowerCase() !== name.toLowerCase() ? hostname : undefined;
}
