import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containersArgs, debugArgs, debugState, explainKubectl, portForwardArgs } from './k8s.js';
import { parsePodAddress } from './pod-address.js';

test('k8s:// addresses: a context is a context when kubectl knows it', () => {
  assert.deepEqual(parsePodAddress('k8s://shop/api-7d9:2345'), { namespace: 'shop', pod: 'api-7d9', port: 2345 });
  assert.deepEqual(parsePodAddress('k8s://shop/api-7d9/app'), { namespace: 'shop', pod: 'api-7d9', container: 'app' });
  assert.deepEqual(parsePodAddress('k8s://prod/shop/api-7d9', ['prod']), { context: 'prod', namespace: 'shop', pod: 'api-7d9' });
  assert.deepEqual(parsePodAddress('k8s://prod/shop/api-7d9/app:40000'), { context: 'prod', namespace: 'shop', pod: 'api-7d9', container: 'app', port: 40000 });
  for (const bad of ['k8s://pod', 'k8s://a//b', 'k8s://a/b/c/d/e', 'k8s://ns/Pod_X', 'k8s://ns/p:0']) assert.throws(() => parsePodAddress(bad), /not a pod address|not a Kubernetes name|out of range/, bad);
});

test('kubectl command lines: port-forward bound to loopback; debug with --target, the ptrace profile and Delve on the pod loopback', () => {
  const a = { context: 'prod', namespace: 'shop', pod: 'api', container: 'app' };
  assert.deepEqual(portForwardArgs(a, 41000, 2345), ['--context', 'prod', '--namespace', 'shop', 'port-forward', '--address', '127.0.0.1', 'pod/api', '41000:2345']);
  assert.deepEqual(debugArgs(a, 'img:1', 'gotui-dlv-1', 2345), ['--context', 'prod', '--namespace', 'shop', 'debug', 'pod/api', '--image', 'img:1', '--container', 'gotui-dlv-1', '--target', 'app', '--profile', 'general', '--attach=false', '--', 'dlv', 'attach', '1', '--headless', '--listen=127.0.0.1:2345', '--accept-multiclient', '--api-version=2', '--continue']);
  assert.deepEqual(containersArgs({ namespace: 'shop', pod: 'api' }), ['--namespace', 'shop', 'get', 'pod/api', '-o', 'jsonpath={.spec.containers[*].name}']);
});

test('kubectl failures: one sentence naming the pod, the capability when ptrace is refused', () => {
  const a = { namespace: 'shop', pod: 'api', port: 2345 };
  assert.match(explainKubectl('Error from server (NotFound): pods "api" not found', a).message, /^There is no pod shop\/api\.$/);
  const ptrace = explainKubectl('could not attach to pid 1: operation not permitted', a);
  assert.match(ptrace.message, /lacks the SYS_PTRACE capability/);
  assert.match(ptrace.hint!, /--profile=general/);
  assert.match(explainKubectl('E1201 portforward.go:413] an error occurred forwarding 41000 -> 2345: error forwarding port 2345 to pod x: failed to connect to localhost:2345 inside namespace: connect: connection refused', a).message, /^Nothing is listening on port 2345 in pod shop\/api\.$/);
  assert.match(explainKubectl('Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout', a).message, /cannot reach the cluster/);
});

test("the debug container's log: listening, ptrace refused, image not pulled or without dlv, not started yet", () => {
  const a = { namespace: 'shop', pod: 'api' };
  assert.deepEqual(debugState('API server listening at: 127.0.0.1:2345\n', a, 'img'), { kind: 'listening' });
  const st = (log: string) => {
    const s = debugState(log, a, 'img:1');
    return s.kind === 'failed' ? s.error.message : s.kind;
  };
  assert.match(st('could not attach to pid 1: operation not permitted'), /lacks the SYS_PTRACE capability/);
  assert.match(st('could not attach to pid 1: already being debugged by pid 40'), /^Delve in pod shop\/api could not attach to the target container's main process: already being debugged by pid 40\.$/);
  assert.equal(st('Error from server (BadRequest): container "d" in pod "api" is waiting to start: trying and failing to pull image\nImagePullBackOff'), 'The debug image img:1 cannot be pulled into pod shop/api.');
  assert.equal(st('exec: "dlv": executable file not found in $PATH'), 'The debug image img:1 has no dlv.');
  assert.equal(st('Error from server (BadRequest): container "d" in pod "api" is waiting to start: ContainerCreating'), 'waiting');
});
