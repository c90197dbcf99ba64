import type { PaneProps, PaneView } from '../features/types.js';
import type { Row } from '../core/text.js';
import type { BpfService } from './service.js';
import { renderProbe } from './view.js';

/** The eBPF lane: the shown probe's header, sparkline, events and tables; a footer for the selected event. */
export function bpfView({ model: bpf, rect, focused }: PaneProps<BpfService>): PaneView {
  const width = Math.max(0, rect.width - 2);
  const height = Math.max(0, rect.height - 2);
  const streams = bpf.streams();
  const current = bpf.current();
  // The probe shown first, whole; the others give way on a narrow border.
  const others = streams.filter((s) => s.id !== current?.id).map((s) => `#${s.id} ${s.title}`).join(' · ');
  // Said at once: over SSH the checks before bpftrace starts take seconds (trial BS retyped nothing, but read `No probes`).
  if (!current && bpf.starting) return { title: 'eBPF', rows: [[{ text: `Starting ${bpf.starting}…`, color: 'gray' }]] };
  if (!current) {
    const rows: Row[] = [
      [{ text: 'No probes. :bpf calls FUNC | syscalls | goroutines | gc | malloc | panics | run FILE', color: 'gray' }],
      [{ text: 'Probes run beside the debugger and never stop the target.', color: 'gray' }],
    ];
    return { title: 'eBPF', rows: rows };
  }
  const event = bpf.selectedEvent();
  const footer = event ? `▶ ${event.goid !== undefined ? `goroutine ${event.goid} ` : ''}${event.created ? 'created ' : ''}${event.func ?? ''}${event.goid !== undefined ? '  Enter: show it' : ''}${event.func ? '  B: break there' : ''}` : '';
  const { lines, cursorLine, position } = renderProbe(current, width, height - (footer ? 1 : 0), { scroll: bpf.scroll });
  const rows: Row[] = lines.map((l, i) => [{ text: l, ...(i === 0 ? { color: 'cyan' } : l.startsWith('✗') ? { color: 'red' } : l.startsWith('!') ? { color: 'yellow' } : i === cursorLine && focused ? { inverse: true } : {}) }]);
  if (footer) rows.push([{ text: footer, inverse: focused }]);
  // The cursor's place among the shown probe's events (`27/90`), as every list pane's title says it.
  // The probe's name gives way before its place (trial AD: `▸#2 calls main.handleRequest · …` at 80x24 lost `126/126`).
  const tabs = [{ text: `▸#${current.id} ${current.title}`, cut: 'end' as const }, ...(position ? [`${position.at}/${position.of}`] : []), ...(others ? [{ text: others, cut: 'end' as const }] : [])];
  return { title: 'eBPF', note: tabs, rows: rows };
}
