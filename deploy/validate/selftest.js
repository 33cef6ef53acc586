#!/usr/bin/env node
// The validator must refuse broken files: each case below breaks one thing in a copy of deploy/ (in a temp folder)
// and expects validate.js to name that problem. The unbroken copy must pass, so a case fails for its own break.
//   node selftest.js [ROOT]   exit 1 when a broken copy is accepted, one line per case on stderr.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { validateDeploy } = require('./validate');

const MODULES = ['board-web', 'check-dispatcher', 'check-worker'];

// Each case: files to edit (exact text to find, its replacement) and what the problem must say.
const CASES = [
  {
    name: 'a pool ScaledObject watches another pool\'s queue',
    edits: [['deploy/kubernetes/overlays/example/pools/office-lan/kustomization.yaml', 'value: vigie.check-tasks.office-lan', 'value: vigie.check-tasks.eu-west']],
    expect: /ScaledObject\/vigie-worker-office-lan: watches queue\(s\) vigie\.check-tasks\.eu-west but its workers serve pool\(s\) office-lan/,
  },
  {
    name: 'a worker Deployment without a ScaledObject',
    edits: [['deploy/kubernetes/base/worker/kustomization.yaml', '  - scaled-object.yaml\n', '']],
    expect: /Deployment\/vigie-worker: 0 ScaledObjects scale it/,
  },
  {
    name: 'a ScaledObject on the broker\'s HTTP API',
    edits: [['deploy/kubernetes/base/worker/scaled-object.yaml', 'protocol: amqp', 'protocol: http']],
    expect: /trigger protocol http; amqp expected/,
  },
  {
    name: 'board-web\'s Service exposes the management port',
    edits: [['deploy/kubernetes/base/board-web/service.yaml', '      targetPort: http\n', '      targetPort: http\n    - name: management\n      port: 9000\n      targetPort: management\n']],
    expect: /Service\/vigie-board-web: exposes the management port 9000/,
  },
  {
    name: 'a real-looking value in an example Secret',
    edits: [['deploy/kubernetes/overlays/example/secrets/broker.env.example', 'RABBITMQ_PASSWORD=', 'RABBITMQ_PASSWORD=Zq8vN2kLp4Rt']],
    expect: /Secret\/vigie-broker-secret-\w+: key RABBITMQ_PASSWORD carries a value that looks real/,
  },
  {
    name: 'a committed Secret manifest with a real-looking value',
    edits: [
      ['deploy/kubernetes/base/kustomization.yaml', '  - keda-trigger-authentication.yaml\n', '  - keda-trigger-authentication.yaml\n  - leaked-secret.yaml\n'],
      ['deploy/kubernetes/base/leaked-secret.yaml', null, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: leaked\nstringData:\n  password: hunter2-but-longer\n'],
    ],
    expect: /Secret\/leaked: key password carries a value that looks real/,
  },
  {
    name: 'a container without limits',
    edits: [['deploy/kubernetes/base/dispatcher/deployment.yaml', '            limits:\n              cpu: "1"\n              memory: 384Mi\n', '']],
    expect: /Deployment\/vigie-dispatcher: container dispatcher: no resources\.limits\.memory/,
  },
  {
    name: 'a container without a readiness probe (misspelt)',
    edits: [['deploy/kubernetes/base/worker/deployment.yaml', 'readinessProbe:', 'readinesProbe:']],
    expect: /Deployment\/vigie-worker: unknown field \/spec\/template\/spec\/containers\/0\/readinesProbe/,
  },
  {
    name: 'a liveness probe on the wrong path',
    edits: [['deploy/kubernetes/base/board-web/deployment.yaml', 'path: /q/health/live', 'path: /q/health']],
    expect: /container board-web: livenessProbe does not GET \/q\/health\/live/,
  },
  {
    name: 'a field of the wrong type',
    edits: [['deploy/kubernetes/base/board-web/deployment.yaml', 'replicas: 2', 'replicas: two']],
    expect: /Deployment\/vigie-board-web: invalid: .*replicas must be integer/,
  },
  {
    name: 'an unknown kind',
    edits: [
      ['deploy/kubernetes/base/kustomization.yaml', '  - keda-trigger-authentication.yaml\n', '  - keda-trigger-authentication.yaml\n  - odd.yaml\n'],
      ['deploy/kubernetes/base/odd.yaml', null, 'apiVersion: example.org/v1\nkind: Frobnicator\nmetadata:\n  name: odd\n'],
    ],
    expect: /Frobnicator\/odd: unknown kind example\.org\/v1\/Frobnicator/,
  },
  {
    name: 'a kustomization that does not build',
    edits: [['deploy/kubernetes/overlays/example/kustomization.yaml', '  - pools/office-lan\n', '  - pools/no-such-pool\n']],
    expect: /overlays\/example: kubectl kustomize failed/,
  },
  {
    name: 'a namespace in the base',
    edits: [['deploy/kubernetes/base/kustomization.yaml', 'kind: Kustomization\n', 'kind: Kustomization\nnamespace: vigie\n']],
    expect: /deploy\/kubernetes\/base: .*namespace-agnostic/,
  },
  {
    name: 'a compose service with a key the schema does not know',
    edits: [['deploy/compose/compose.yaml', '    command: ["run"]\n', '    command: ["run"]\n    restart_policy: always\n']],
    expect: /compose\.yaml: compose schema: \/services\/dispatcher must NOT have additional properties \(restart_policy\)/,
  },
  {
    name: 'a compose worker with a fixed container name',
    edits: [['deploy/compose/compose.yaml', '    image: vigie/check-worker\n    build:', '    image: vigie/check-worker\n    container_name: vigie-worker\n    build:']],
    expect: /service worker: container_name set/,
  },
  {
    name: 'board-web\'s management port published by compose',
    edits: [['deploy/compose/compose.yaml', '      - "${VIGIE_PORT:-8080}:8080"\n', '      - "${VIGIE_PORT:-8080}:8080"\n      - "9000:9000"\n']],
    expect: /service board-web: publishes the management port 9000/,
  },
  {
    name: 'a password written in compose.yaml',
    edits: [['deploy/compose/compose.yaml', 'RABBITMQ_DEFAULT_PASS: ${RABBITMQ_PASSWORD:?set RABBITMQ_PASSWORD in .env (see .env.example)}', 'RABBITMQ_DEFAULT_PASS: s3cret-broker-pass']],
    expect: /service rabbitmq: RABBITMQ_DEFAULT_PASS is not taken from \.env/,
  },
  {
    name: 'a compose service without a health check',
    edits: [['deploy/compose/compose.yaml', '    healthcheck:\n      test: ["CMD", "rabbitmq-diagnostics", "-q", "check_port_connectivity"]\n      interval: 10s\n      timeout: 10s\n      retries: 6\n      start_period: 30s\n', '']],
    expect: /service rabbitmq: no healthcheck/,
  },
];

function copyRoot(root) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-deploy-selftest-'));
  fs.cpSync(path.join(root, 'deploy'), path.join(copy, 'deploy'), {
    recursive: true,
    // The validator itself and the operator's real secret files are not part of what is validated.
    filter: (src) => !src.includes(`${path.sep}node_modules`) && !/secrets[\\/][^\\/]+\.env$/.test(src) && !/compose[\\/]\.env$/.test(src),
  });
  for (const module of MODULES) fs.mkdirSync(path.join(copy, module), { recursive: true });
  return copy;
}

function edit(copy, file, from, to) {
  const target = path.join(copy, file);
  if (from === null) {
    fs.writeFileSync(target, to);
    return;
  }
  const text = fs.readFileSync(target, 'utf8');
  // A case whose text is gone would pass without breaking anything: it fails instead, so it gets updated.
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}`);
  fs.writeFileSync(target, text.replace(from, to));
}

async function runCase(root, c) {
  const copy = copyRoot(root);
  try {
    for (const [file, from, to] of c.edits) edit(copy, file, from, to);
    const { problems } = await validateDeploy(copy);
    if (!c.expect) return problems.map((p) => `self-test: the unbroken copy was refused: ${p}`);
    if (problems.some((p) => c.expect.test(p))) return [];
    return [`self-test: ${c.name}: not refused as expected (${c.expect}); problems: ${problems.join(' | ') || 'none'}`];
  } catch (e) {
    return [`self-test: ${c.name}: ${e.message}`];
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

async function main() {
  const root = path.resolve(process.argv[2] || path.join(__dirname, '../..'));
  // The unbroken copy first among the rest; a few copies at a time (each runs kubectl three times).
  const queue = [{ name: 'unbroken', edits: [], expect: null }, ...CASES];
  const failures = [];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) failures.push(...(await runCase(root, c)));
  };
  await Promise.all([worker(), worker(), worker()]);
  for (const f of failures) process.stderr.write(`${f}\n`);
  if (failures.length) {
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`deploy files self-test: the unbroken copy passes, ${CASES.length} broken copies are each refused\n`);
}

main().catch((e) => {
  process.stderr.write(`self-test: failed to run: ${e.stack || e}\n`);
  process.exitCode = 1;
});
