import net from 'node:net';

/** A TCP endpoint. */
export interface HostPort {
  host: string;
  port: number;
}

export function formatHostPort(a: HostPort): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}

/**
 * True for addresses that stay on this machine; anything else crosses a network in the clear.
 * Numeric spellings count as the system resolver reads them: `127.1`, `2130706433`, `0x7f.0.0.1`.
 */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === 'ip6-localhost' || h === 'ip6-loopback') return true;
  // Only text with a colon can be IPv6 (net.isIPv6 compiles a large pattern on its first call).
  if (h.includes(':') && net.isIPv6(h)) {
    const v4 = /^(?:0*:)*(?:0*:)?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h) ?? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    if (v4) return isLoopback(v4[1]!);
    const full = expandIPv6(h);
    // IPv4-mapped written in hex: ::ffff:7f00:1 is 127.0.0.1.
    if (full.startsWith('0000:0000:0000:0000:0000:ffff:')) return full.slice(30, 32) === '7f';
    return full === '0000:0000:0000:0000:0000:0000:0000:0001';
  }
  const v4 = parseInetAton(h);
  return v4 !== undefined && v4 >>> 24 === 127;
}

/** inet_aton's forms: a.b.c.d, a.b.c, a.b, a; each part decimal, 0x hex or 0 octal. */
export function parseInetAton(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  const nums: number[] = [];
  for (const p of parts) {
    let n: number;
    if (/^0x[0-9a-f]+$/i.test(p)) n = parseInt(p.slice(2), 16);
    else if (/^0[0-7]*$/.test(p)) n = p.length > 1 ? parseInt(p.slice(1), 8) : 0;
    else if (/^[1-9]\d*$/.test(p)) n = Number(p);
    else return undefined;
    if (!Number.isSafeInteger(n)) return undefined;
    nums.push(n);
  }
  const last = nums.pop()!;
  if (nums.some((n) => n > 255)) return undefined;
  const room = 2 ** (8 * (4 - nums.length));
  if (last >= room) return undefined;
  let value = 0;
  nums.forEach((n, i) => (value += n * 2 ** (8 * (3 - i))));
  return (value + last) >>> 0;
}

function expandIPv6(h: string): string {
  const [head, tail] = h.includes('::') ? h.split('::') : [h, undefined];
  const a = head ? head.split(':') : [];
  const b = tail !== undefined && tail ? tail.split(':') : [];
  const fill = tail !== undefined ? Array(8 - a.length - b.length).fill('0') : [];
  return [...a, ...fill, ...b].map((x) => x.padStart(4, '0')).join(':');
}
