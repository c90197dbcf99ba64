import { useSyncExternalStore } from 'react';
import { Text } from 'ink';
import type { BpfService } from '../../bpf/service.js';
import { renderProbeLines } from '../../bpf/view.js';
import { fit, Pane } from '../Pane.js';
import { innerHeight, innerWidth, type Rect } from '../layout.js';

/** The eBPF lane: the shown probe's header, sparkline, events and tables; a footer for the selected event. */
export function BpfPane({ rect, focused, bpf }: { rect: Rect; focused: boolean; bpf: BpfService }) {
  useSyncExternalStore(bpf.subscribe, bpf.getVersion);
  const width = innerWidth(rect);
  const height = innerHeight(rect);
  const streams = bpf.streams();
  const current = bpf.current();
  const tabs = streams.map((s) => `${s.id === current?.id ? '▸' : ''}#${s.id} ${s.title}`).join('  ');
  if (!current) {
    return (
      <Pane rect={rect} index={9} title="eBPF" focused={focused}>
        <Text color="gray">{fit('No probes. :bpf calls FUNC | syscalls | goroutines | gc | malloc | panics | run FILE', width)}</Text>
        <Text color="gray">{fit('Probes run beside the debugger and never stop the target.', width)}</Text>
      </Pane>
    );
  }
  const event = bpf.selectedEvent();
  const footer = event ? `▶ ${event.goid !== undefined ? `goroutine ${event.goid} ` : ''}${event.func ?? ''}${event.goid !== undefined ? '  Enter: show it' : ''}${event.func ? '  B: break there' : ''}` : '';
  const lines = renderProbeLines(current, width, height - (footer ? 1 : 0), { scroll: bpf.scroll });
  return (
    <Pane rect={rect} index={9} title="eBPF" focused={focused} note={tabs}>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end" color={i === 0 ? 'cyan' : l.startsWith('✗') ? 'red' : l.startsWith('!') ? 'yellow' : undefined}>
          {l}
        </Text>
      ))}
      {footer ? (
        <Text wrap="truncate-end" inverse={focused}>
          {fit(footer, width)}
        </Text>
      ) : null}
    </Pane>
  );
}
