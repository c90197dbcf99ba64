import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Symbolizer } from '../memory/format.js';
import { gdbDump, gdbInstructionText } from './gdb-text.js';

// Instructions of the orders demo as Delve 1.27.1's JSON-RPC Disassemble gives them (GNU and
// Intel flavours), and gdb 13's x/i text for the same bytes.
const SYMBOLS: Record<string, [bigint, bigint]> = {
  'main.applyDiscount': [0x4d2800n, 0x100n],
  'runtime.writeBarrier': [0x5d2500n, 0x10n],
  expandAVX512_2_inShuf0: [0x509de0n, 0x40n],
};
const symbolize: Symbolizer = (a) => {
  for (const [name, [at, size]] of Object.entries(SYMBOLS)) if (a >= at && a < at + size) return { name, offset: a - at };
  return undefined;
};

const CASES: [string, string, string, string, string, string][] = [
  // address, bytes, Delve GNU, gdb AT&T, Delve Intel, gdb Intel
  ['4d2776', 'e885000000', 'callq main.applyDiscount', 'call   0x4d2800 <main.applyDiscount>', 'call main.applyDiscount', 'call   0x4d2800 <main.applyDiscount>'],
  ['4d2763', '488b442428', 'mov 0x28(%rsp),%rax', 'mov    0x28(%rsp),%rax', 'mov rax, qword ptr [rsp+0x28]', 'mov    rax,QWORD PTR [rsp+0x28]'],
  ['402ae7', '833d12fa1c0000', 'cmpl $0x0,runtime.writeBarrier', 'cmpl   $0x0,0x1cfa12(%rip)        # 0x5d2500 <runtime.writeBarrier>', 'cmp dword ptr [runtime.writeBarrier], 0x0', 'cmp    DWORD PTR [rip+0x1cfa12],0x0        # 0x5d2500 <runtime.writeBarrier>'],
  ['40103c', '488d05bdd80d00', 'lea 0xdd8bd(%rip),%rax', 'lea    0xdd8bd(%rip),%rax        # 0x4de900', 'lea rax, ptr [rip+0xdd8bd]', 'lea    rax,[rip+0xdd8bd]        # 0x4de900'],
  ['4010b5', '881418', 'mov %dl,(%rax,%rbx)', 'mov    %dl,(%rax,%rbx,1)', 'mov byte ptr [rax+rbx], dl', 'mov    BYTE PTR [rax+rbx*1],dl'],
  ['40141e', '6690', 'data16 nop', 'xchg   %ax,%ax', 'data16 nop', 'xchg   ax,ax'],
  ['4015fc', '0f1f4000', 'nopl (%rax)', 'nopl   0x0(%rax)', 'nop dword ptr [rax], eax', 'nop    DWORD PTR [rax+0x0]'],
  ['40101d', '0f1f00', 'nopl (%rax)', 'nopl   (%rax)', 'nop dword ptr [rax], eax', 'nop    DWORD PTR [rax]'],
  ['402b13', '644c8b3425f8ffffff', 'mov %fs:0xfffffff8,%r14', 'mov    %fs:0xfffffffffffffff8,%r14', 'mov r14, qword ptr fs:[0xfffffff8]', 'mov    r14,QWORD PTR fs:0xfffffffffffffff8'],
  ['403a03', '48d1e8', 'shr %rax', 'shr    %rax', 'shr rax, 0x1', 'shr    rax,1'],
  ['414840', '62f1fe486f0596550f00', 'vmovdqu64 0xf5596,%zmm0', 'vmovdqu64 0xf5596(%rip),%zmm0        # 0x509de0 <expandAVX512_2_inShuf0>', 'vmovdqu64 zmm0, zmmword ptr [0xf5596]', 'vmovdqu64 zmm0,ZMMWORD PTR [rip+0xf5596]        # 0x509de0 <expandAVX512_2_inShuf0>'],
  ['42071b', 'f0490fb10c24', 'lock cmpxchg %rcx,(%r12,%riz)', 'lock cmpxchg %rcx,(%r12)', 'lock cmpxchg qword ptr [r12], rcx', 'lock cmpxchg QWORD PTR [r12],rcx'],
  ['42e1d9', 'f348ab', 'rep stos %rax,%es:(%rdi)', 'rep stos %rax,%es:(%rdi)', 'rep stosq qword ptr [rdi]', 'rep stos QWORD PTR es:[rdi],rax'],
  ['48d622', 'c70425f1000000f1000000', 'movl $0xf1,0xf1', 'movl   $0xf1,0xf1', 'mov dword ptr [0xf1], 0xf1', 'mov    DWORD PTR ds:0xf1,0xf1'],
  ['4ad9fe', '48ba25232284e49cf2cb', 'mov $-0x340d631b7bdddcdb,%rdx', 'movabs $0xcbf29ce484222325,%rdx', 'mov rdx, 0xcbf29ce484222325', 'movabs rdx,0xcbf29ce484222325'],
  ['4058fd', 'f20f118c2490000000', 'movsd %xmm1,0x90(%rsp)', 'movsd  %xmm1,0x90(%rsp)', 'movsd qword ptr [rsp+0x90], xmm1', 'movsd  QWORD PTR [rsp+0x90],xmm1'],
  ['40150c', '4883c1ef', 'add $-0x11,%rcx', 'add    $0xffffffffffffffef,%rcx', 'add rcx, -0x11', 'add    rcx,0xffffffffffffffef'],
  ['401c6d', '83ca80', 'or $-0x80,%edx', 'or     $0xffffff80,%edx', 'or edx, -0x80', 'or     edx,0xffffff80'],
  ['4d26f8', 'eb69', 'jmp 0x4d2763', 'jmp    0x4d2763', 'jmp 0x4d2763', 'jmp    0x4d2763'],
  ['401036', 'c3', 'retq', 'ret', 'ret', 'ret'],
  // C code of the machine demo (gcc): padding nops with prefixes, x87, an immediate x86asm named.
  ['402371', '66662e0f1f840000000000', 'data32 nopw %cs:(%rax,%rax)', 'data16 cs nopw 0x0(%rax,%rax,1)', 'nop word ptr [rax+rax], ax', 'data16 cs nop WORD PTR [rax+rax*1+0x0]'],
  ['4c2ada', 'ddd8', 'fstp %st', 'fstp   %st(0)', 'fstp st0, st0', 'fstp   st(0)'],
  ['4c2ae0', 'def9', 'fdivrp %st,%st(1)', 'fdivrp %st,%st(1)', 'fdivp st1, st0', 'fdivp  st(1),st'],
  ['4c2ad4', 'd9e8', 'fld1', 'fld1', 'fld1 st0', 'fld1'],
  ['4c2ae8', 'dd5c24f0', 'fstpl -0x10(%rsp)', 'fstpl  -0x10(%rsp)', 'fstp qword ptr [rsp-0x10], st0', 'fstp   QWORD PTR [rsp-0x10]'],
  ['402350', 'b860585900', 'mov $runtime.itabTableInit+4128,%eax', 'mov    $0x595860,%eax', 'mov eax, $runtime.itabTableInit+4128', 'mov    eax,0x595860'],
  ['4166ac', '62f385481ec904', 'vpcmpuq $0x4,%zmm1,%zmm15,%k1', 'vpcmpnequq %zmm1,%zmm15,%k1', 'vpcmpuq k1, zmm15, zmm1, 0x4', 'vpcmpnequq k1,zmm15,zmm1'],
];

test('Delve x86asm text becomes gdb 13 text, AT&T and Intel', () => {
  for (const [at, bytes, gnu, att, intel, gdbIntel] of CASES) {
    const ins = { address: BigInt(`0x${at}`), bytes: Buffer.from(bytes, 'hex') };
    assert.equal(gdbInstructionText({ ...ins, text: gnu }, 'att', symbolize), att, `${at} att`);
    assert.equal(gdbInstructionText({ ...ins, text: intel }, 'intel', symbolize), gdbIntel, `${at} intel`);
  }
});

test('AVX-512 masks keep gdb spacing; names with spaces in <sym> are left alone', () => {
  const ins = { address: 0x414c05n, bytes: Buffer.from('62f26dc975eb', 'hex') };
  assert.equal(gdbInstructionText({ ...ins, text: 'vpermi2b %zmm3,%zmm2,%zmm5 {%k1} {z}' }, 'att'), 'vpermi2b %zmm3,%zmm2,%zmm5{%k1}{z}');
  const call = { address: 0x44ab13n, bytes: Buffer.from('e868330400', 'hex'), text: 'callq x' };
  assert.equal(gdbInstructionText(call, 'att', () => ({ name: 'f[go.shape.struct { a int }]', offset: 0n })), 'call   0x48de80 <f[go.shape.struct { a int }]>');
});

test("gdbDump: gdb's header and closing line, offsets from the first instruction, => at the pc only", () => {
  const ins = [{ address: 0x4d2880n, text: 'cmp    0x10(%r14),%rsp' }, { address: 0x4d2884n, text: 'jbe    0x4d29a7 <main.applyDiscount+295>' }];
  assert.equal(
    gdbDump('main.applyDiscount', ins, 0x4d2884n),
    'Dump of assembler code for function main.applyDiscount:\n   0x00000000004d2880 <+0>:\tcmp    0x10(%r14),%rsp\n=> 0x00000000004d2884 <+4>:\tjbe    0x4d29a7 <main.applyDiscount+295>\nEnd of assembler dump.',
  );
});
