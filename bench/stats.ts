/** Small helpers for benchmark figures: medians and ratio lines. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function ratioLine(label: string, ours: number, peer: number, peerName: string, unit = 'ms'): string {
  return `${label}: gotui ${ours.toFixed(1)} ${unit}, ${peerName} ${peer.toFixed(1)} ${unit}, ratio ${(ours / peer).toFixed(2)}x`;
}
