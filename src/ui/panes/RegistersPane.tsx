import { useSyncExternalStore } from 'react';
import { Text } from 'ink';
import { decodeRflags, hex64 } from '../../registers/registers.js';
import type { RegistersStore } from '../../registers/store.js';
import { fit, Pane } from '../Pane.js';
import { innerHeight, innerWidth, scrollTop, type Rect } from '../layout.js';
import { KIND_COLOR } from './MemoryPane.js';

/**
 * The selected frame's registers: changed since the previous stop in yellow with a `*`, each
 * value followed by what it points into. The cursor lives in the RegistersStore.
 */
export function RegistersPane({ rect, focused, store, index = 6 }: { rect: Rect; focused: boolean; store: RegistersStore; index?: number }) {
  const snap = useSyncExternalStore(store.subscribe, store.get);
  const width = innerWidth(rect);
  const height = innerHeight(rect);
  const note = [
    ...(snap.goroutine !== undefined ? [`g ${snap.goroutine} frame ${snap.frame ?? 0}`] : []),
    ...(snap.running ? ['running'] : []),
  ].join(' · ');
  if (snap.registers.length === 0) {
    const why = snap.message ?? (snap.running ? 'The target is running: registers are read at the next stop.' : 'No registers yet.');
    return (
      <Pane rect={rect} index={index} title="Registers" focused={focused} note={note || undefined}>
        <Text color={snap.message ? 'red' : 'gray'}>{fit(why, width)}</Text>
      </Pane>
    );
  }
  const top = scrollTop(snap.cursor, snap.registers.length, height);
  return (
    <Pane rect={rect} index={index} title="Registers" focused={focused} note={note || undefined}>
      {snap.registers.slice(top, top + height).map((r, k) => {
        const i = top + k;
        const changed = snap.changed.has(r.name);
        const a = snap.annotations.get(r.name);
        const value = r.name === 'rflags' ? `${hex64(r.value)} ${decodeRflags(r.value)}` : hex64(r.value);
        const head = `${changed ? '*' : ' '}${r.name.padStart(7)} `;
        const tail = a ? `  ${a.label}` : '';
        const rest = Math.max(0, width - head.length - value.length);
        return (
          <Text key={r.name} wrap="truncate-end" inverse={focused && i === snap.cursor}>
            <Text color={changed ? 'yellow' : 'gray'} bold={changed}>
              {head.slice(0, width)}
            </Text>
            <Text color={changed ? 'yellow' : undefined} bold={changed}>
              {value.slice(0, Math.max(0, width - head.length))}
            </Text>
            <Text color={a ? KIND_COLOR[a.kind] : undefined}>{fit(tail, rest)}</Text>
          </Text>
        );
      })}
    </Pane>
  );
}
